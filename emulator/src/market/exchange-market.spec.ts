import { describe, expect, it } from 'vitest';
import { EmulatorServer } from '../emulator.server';
import { ExchangeMarket } from './exchange-market';

const symbols = [
  { symbol: 'BTC-USDT', nativeSymbol: 'BTCUSDT' },
  { symbol: 'ETH-USDT', nativeSymbol: 'ETHUSDT' },
];

describe('ExchangeMarket rates', () => {
  it('a per-symbol override makes one symbol quiet while the other keeps the default rate', () => {
    const m = new ExchangeMarket('binance', symbols, 1, 10, 100, { 'ETH-USDT': 0 });
    const steps = new Map<string, number>();
    for (let i = 0; i < 20; i++) {
      for (const b of m.tick(50, i * 50)) {
        const n = b.book ? b.book.lastSeq - b.book.firstSeq + 1 : 0;
        steps.set(b.nativeSymbol, (steps.get(b.nativeSymbol) ?? 0) + n);
      }
    }
    expect(steps.get('BTCUSDT')).toBe(100);
    expect(steps.has('ETHUSDT')).toBe(false);
  });

  it('an override can also raise one symbol above the default', () => {
    const m = new ExchangeMarket('binance', symbols, 1, 10, 10, { 'BTC-USDT': 200 });
    const [btc, eth] = ['BTCUSDT', 'ETHUSDT'].map((s) => m.get(s)?.seq ?? 0);
    m.tick(1000, 0);
    expect((m.get('BTCUSDT')?.seq ?? 0) - btc).toBe(200);
    expect((m.get('ETHUSDT')?.seq ?? 0) - eth).toBe(10);
  });

  it('the server refuses overrides for symbols it does not serve, or negative rates', async () => {
    const base = { exchanges: ['binance'], symbols: ['BTC-USDT'] };
    await expect(EmulatorServer.start({ ...base, rates: { 'XRP-USDT': 1 } })).rejects.toThrow(
      /not served/,
    );
    await expect(EmulatorServer.start({ ...base, rates: { 'BTC-USDT': -1 } })).rejects.toThrow(
      /must be in/,
    );
  });
});
