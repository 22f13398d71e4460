import { afterEach, describe, it } from 'vitest';
import { coinbaseProtocol } from '../coinbase/coinbase.protocol';
import { runUnifiedFeedScenario, type RestBook } from './unified-feed.scenario';

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

describe('coinbase exchange connector against the emulator', { timeout: 20_000 }, () => {
  it('matches, level2 (ws snapshot + l2update) and ticker for 2 products; reconnect after a disconnect', async () => {
    await runUnifiedFeedScenario({
      exchange: 'coinbase',
      symbols: [
        { symbol: 'BTC-USDT', nativeSymbol: 'BTC-USDT' },
        { symbol: 'ETH-USDT', nativeSymbol: 'ETH-USDT' },
      ],
      protocol: (urls) => coinbaseProtocol({ urls, maxSilenceMs: 2000 }),
      // level=2 is the whole aggregated book: [price, size, num-orders] per level.
      restBook: async (rest, s) =>
        (await (await fetch(`${rest}/products/${s.nativeSymbol}/book?level=2`)).json()) as RestBook,
      cleanup: (c) => cleanup.push(c),
    });
  });
});
