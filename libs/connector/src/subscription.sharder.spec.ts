import { describe, expect, it } from 'vitest';
import { subscriptionKey } from './protocol/channel-subscription';
import { SubscriptionSharder } from './subscription.sharder';
import { sub } from './testing/test-protocol';

describe('SubscriptionSharder', () => {
  const symbols = Array.from({ length: 1000 }, (_, i) => `S${String(i).padStart(4, '0')}`);

  it('puts 1,000 subscriptions on ceil(N/limit) connections within the limit, none lost', () => {
    const subs = symbols.map((s) => sub('trade', s));
    const shards = new SubscriptionSharder().shard(subs, 300);
    expect(shards).toHaveLength(4);
    for (const s of shards) expect(s.length).toBeLessThanOrEqual(300);
    const keys = shards.flat().map((s) => subscriptionKey(s.channel, s.nativeSymbol));
    expect(new Set(keys).size).toBe(1000);
  });

  it('is deterministic regardless of input order and keeps a symbol’s channels together', () => {
    const subs = symbols.slice(0, 99).flatMap((s) => [sub('trade', s), sub('book', s)]);
    const shuffled = [...subs].reverse();
    const sharder = new SubscriptionSharder();
    const a = sharder.shard(subs, 50);
    expect(sharder.shard(shuffled, 50)).toEqual(a);
    expect(a).toHaveLength(Math.ceil(198 / 50));
    for (const shard of a.slice(0, -1)) {
      const last = shard[shard.length - 1];
      expect(shard.filter((s) => s.nativeSymbol === last.nativeSymbol).length).toBe(2);
    }
  });

  it('batches subscribe messages within the per-message limit and drops duplicates', () => {
    const sharder = new SubscriptionSharder();
    const batches = sharder.batches(
      symbols.slice(0, 25).map((s) => sub('bbo', s)),
      10,
    );
    expect(batches.map((b) => b.length)).toEqual([10, 10, 5]);
    expect(sharder.shard([sub('bbo', 'A'), sub('bbo', 'A')], 10)).toEqual([[sub('bbo', 'A')]]);
  });
});
