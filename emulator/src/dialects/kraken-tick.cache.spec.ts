import { describe, expect, it } from 'vitest';
import { SymbolMarket } from '../market/symbol-market';
import type { TopicSubscription } from './exchange-dialect';
import { viewOf } from './kraken-book';
import { KrakenDialect } from './kraken.dialect';

const market = () =>
  new SymbolMarket({
    exchange: 'kraken',
    symbol: 'BTC-USD',
    nativeSymbol: 'BTC/USD',
    seed: 21,
    depth: 30,
  });

/** A depth-10 book subscription that was sent a snapshot of `m` now. */
const subscribed = (d: KrakenDialect, m: SymbolMarket): TopicSubscription => {
  const sub = d.parseTopic('book|BTC/USD|10') as TopicSubscription;
  sub.state = viewOf(m, 10);
  return sub;
};

describe('KrakenDialect encodings shared per batch', () => {
  it('subscriptions that saw the same view share one update, equal to an unshared encoding', () => {
    const m = market();
    const shared = new KrakenDialect();
    const a = subscribed(shared, m);
    const b = subscribed(shared, m);
    // The reference: its own dialect (own cache) and its own subscription.
    const alone = new KrakenDialect();
    const ref = subscribed(alone, m);
    let late: TopicSubscription | undefined;
    let updates = 0;
    for (let tick = 0; tick < 40; tick++) {
      if (tick === 20) late = subscribed(shared, m); // a snapshot now: its own view
      const batch = m.batch(30, 1_700_000_000_000 + tick * 50);
      const want = alone.encode(ref, batch, m);
      updates += want.length;
      const outA = shared.encode(a, batch, m);
      const outB = shared.encode(b, batch, m);
      expect(outA).toEqual(want);
      expect(outB).toEqual(want);
      // From the second tick on both were sent the same view object: one diff for both.
      if (tick > 0) expect(outB).toBe(outA);
      expect(b.state).toBe(a.state);
      if (late) expect(shared.encode(late, batch, m)).toEqual(want);
      // Trades and ticker depend on the batch alone: one encoding for every subscriber.
      const trades = shared.parseTopic('trade|BTC/USD') as TopicSubscription;
      expect(shared.encode(trades, batch, m)).toBe(shared.encode(trades, batch, m));
      expect(shared.encode(trades, batch, m)).toEqual(
        alone.encode(alone.parseTopic('trade|BTC/USD') as TopicSubscription, batch, m),
      );
    }
    expect(late?.state).toBe(a.state);
    expect(updates).toBeGreaterThan(20);
  });
});
