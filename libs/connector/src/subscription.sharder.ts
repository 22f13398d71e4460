import { subscriptionKey, type ChannelSubscription } from './protocol/channel-subscription';

/**
 * Splits subscriptions over connections and subscribe messages. Deterministic: the same set
 * always yields the same shards (sorted by symbol then channel, so a symbol's channels stay
 * together), which keeps reconnects and replicas predictable.
 */
export class SubscriptionSharder {
  /** ceil(N / limit) connections, balanced, none above `maxPerConnection`. */
  shard(subs: readonly ChannelSubscription[], maxPerConnection: number): ChannelSubscription[][] {
    const unique = this.sorted(subs);
    if (unique.length === 0) return [];
    const limit = Math.max(1, Math.floor(maxPerConnection));
    const count = Math.ceil(unique.length / limit);
    const size = Math.ceil(unique.length / count);
    const shards: ChannelSubscription[][] = [];
    for (let i = 0; i < unique.length; i += size) shards.push(unique.slice(i, i + size));
    return shards;
  }

  /** Batches for subscribe messages, each within the exchange's per-message limit. */
  batches(subs: readonly ChannelSubscription[], maxPerMessage: number): ChannelSubscription[][] {
    const limit = Math.max(1, Math.floor(maxPerMessage));
    const out: ChannelSubscription[][] = [];
    for (let i = 0; i < subs.length; i += limit) out.push(subs.slice(i, i + limit));
    return out;
  }

  private sorted(subs: readonly ChannelSubscription[]): ChannelSubscription[] {
    const byKey = new Map<string, ChannelSubscription>();
    for (const s of subs) byKey.set(subscriptionKey(s.channel, s.nativeSymbol), s);
    return [...byKey.values()].sort((a, b) =>
      a.nativeSymbol === b.nativeSymbol
        ? a.channel.localeCompare(b.channel)
        : a.nativeSymbol < b.nativeSymbol
          ? -1
          : 1,
    );
  }
}
