import { afterEach, describe, it } from 'vitest';
import { bybitProtocol } from '../bybit/bybit.protocol';
import { runUnifiedFeedScenario } from './unified-feed.scenario';

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

describe('bybit v5 connector against the emulator', { timeout: 20_000 }, () => {
  it('publicTrade, orderbook.50 (ws snapshot + sequential deltas) and orderbook.1 for 2 spot symbols; reconnect after a disconnect', async () => {
    await runUnifiedFeedScenario({
      exchange: 'bybit',
      symbols: [
        { symbol: 'BTC-USDT', nativeSymbol: 'BTCUSDT' },
        { symbol: 'ETH-USDT', nativeSymbol: 'ETHUSDT' },
      ],
      protocol: (urls) =>
        bybitProtocol({ urls, heartbeatIntervalMs: 200, pongTimeoutMs: 1000, maxSilenceMs: 2000 }),
      restBook: async (rest, s) => {
        const url = `${rest}/v5/market/orderbook?category=spot&symbol=${s.nativeSymbol}&limit=200`;
        const body = (await (await fetch(url)).json()) as {
          result: { b: string[][]; a: string[][] };
        };
        return { bids: body.result.b, asks: body.result.a };
      },
      cleanup: (c) => cleanup.push(c),
    });
  });
});
