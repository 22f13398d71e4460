import {
  subscriptionKey,
  type ChannelKind,
  type ChannelSubscription,
} from './protocol/channel-subscription';

interface Watch {
  readonly sub: ChannelSubscription;
  lastSeen: number;
  stale: boolean;
}

/**
 * Per (channel, symbol) silence tracking on a LIVE connection. A channel is only flagged
 * after its own quiet threshold (longer than the connection's): a quiet market is not a dead
 * feed, so the remedy is a re-subscribe of that one symbol, never a reconnect.
 */
export class ChannelWatchdog {
  private readonly watches = new Map<string, Watch>();

  constructor(private readonly quietMs: (channel: ChannelKind) => number) {}

  arm(sub: ChannelSubscription, now: number): void {
    const key = subscriptionKey(sub.channel, sub.nativeSymbol);
    const existing = this.watches.get(key);
    if (existing) existing.lastSeen = now;
    else this.watches.set(key, { sub, lastSeen: now, stale: false });
  }

  /** Records data on a channel; returns the subscription when it was flagged stale until now. */
  seen(channel: string, nativeSymbol: string, now: number): ChannelSubscription | undefined {
    const watch = this.watches.get(subscriptionKey(channel, nativeSymbol));
    if (!watch) return undefined;
    watch.lastSeen = now;
    if (!watch.stale) return undefined;
    watch.stale = false;
    return watch.sub;
  }

  /** Channels that just crossed their quiet threshold (each reported once per quiet spell). */
  due(now: number): ChannelSubscription[] {
    const out: ChannelSubscription[] = [];
    for (const watch of this.watches.values()) {
      if (watch.stale || now - watch.lastSeen < this.quietMs(watch.sub.channel)) continue;
      watch.stale = true;
      out.push(watch.sub);
    }
    return out;
  }

  clear(): void {
    this.watches.clear();
  }
}
