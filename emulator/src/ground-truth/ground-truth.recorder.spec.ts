import { describe, expect, it } from 'vitest';
import { GroundTruthRecorder } from './ground-truth.recorder';

describe('GroundTruthRecorder', () => {
  it('lists (exchange, symbol) in first-record order, exchanges interleaved', () => {
    const g = new GroundTruthRecorder();
    g.tradeGenerated('okx', 'BTC-USDT', 1);
    g.bboSent('binance', 'ETH-USDT');
    g.tradeGenerated('okx', 'ETH-USDT', 2);
    g.bboSent('binance', 'BTC-USDT');
    g.tradeGenerated('okx', 'BTC-USDT', 3);
    expect(g.keys()).toEqual([
      { exchange: 'okx', symbol: 'BTC-USDT' },
      { exchange: 'binance', symbol: 'ETH-USDT' },
      { exchange: 'okx', symbol: 'ETH-USDT' },
      { exchange: 'binance', symbol: 'BTC-USDT' },
    ]);
    expect(g.symbol('okx', 'BTC-USDT').tradesGenerated).toBe(4);
    expect(g.symbol('binance', 'ETH-USDT').bboSent).toBe(1);
  });

  it('logs each sent trade id once, a replayed older one included', () => {
    const g = new GroundTruthRecorder(10);
    for (const id of [5, 6, 7, 6, 5, 9, 7]) g.tradeSent('kraken', 'BTC-USD', id);
    const t = g.symbol('kraken', 'BTC-USD');
    expect(t.tradeLog).toEqual([5, 6, 7, 9]);
    expect(t.tradesSent).toEqual([
      { from: 5, to: 7 },
      { from: 9, to: 9 },
    ]);
    expect(g.trades('kraken', 'BTC-USD')).toEqual(t.tradesSent);
    expect(g.trades('kraken', 'ETH-USD')).toEqual([]);
  });
});
