import { afterEach, describe, it } from 'vitest';
import { binanceFuturesProtocol } from '../binance-futures/binance-futures.protocol';
import { runUnifiedFeedScenario, type RestBook } from './unified-feed.scenario';

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

describe('binance-futures connector against the emulator', { timeout: 20_000 }, () => {
  it('aggTrades, depth (REST snapshot + pu-linked diffs) and bookTicker for 2 perps; reconnect after a disconnect', async () => {
    await runUnifiedFeedScenario({
      exchange: 'binance-futures',
      symbols: [
        { symbol: 'BTC-USDT-PERP', nativeSymbol: 'BTCUSDT' },
        { symbol: 'ETH-USDT-PERP', nativeSymbol: 'ETHUSDT' },
      ],
      protocol: (urls) => binanceFuturesProtocol({ urls, maxSilenceMs: 2000 }),
      restBook: async (rest, s) =>
        (await (
          await fetch(`${rest}/fapi/v1/depth?symbol=${s.nativeSymbol}&limit=100`)
        ).json()) as RestBook,
      cleanup: (c) => cleanup.push(c),
    });
  });
});
