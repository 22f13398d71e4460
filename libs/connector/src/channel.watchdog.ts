import type { ChannelKind, ChannelSubscription } from './protocol/channel-subscription';

interface Watch {
  readonly sub: ChannelSubscription;
  lastSeen: number;
  stale: boolean;
}

/**
 * Per (channel, symbol) silence tracking on a LIVE connection. A channel is only flagged
 * after its own quiet threshold (longer than the connection's): a quiet market is not a dead
 * feed, so the remedy is a re-subscribe of that one symbol, never a reconnect.
 *
 * `seen` runs for every event, so it only stamps a time: the lookup goes channel → symbol
 * (no key string built per event) and the thresholds are compared on the periodic `due` check.
 */
export class ChannelWatchdog {
  private readonly byChannel = new Map<string, Map<string, Watch>>();
  /** Every watch in arming order: `due` reports in that order. */
  private readonly order: Watch[] = [];

  constructor(private readonly quietMs: (channel: ChannelKind) => number) {}

  arm(sub: ChannelSubscription, now: number): void {
    let bySymbol = this.byChannel.get(sub.channel);
    if (!bySymbol) this.byChannel.set(sub.channel, (bySymbol = new Map()));
    const existing = bySymbol.get(sub.nativeSymbol);
    if (existing) {
      existing.lastSeen = now;
      return;
    }
    const watch: Watch = { sub, lastSeen: now, stale: false };
    bySymbol.set(sub.nativeSymbol, watch);
    this.order.push(watch);
  }

  /** Records data on a channel; returns the subscription when it was flagged stale until now. */
  seen(channel: string, nativeSymbol: string, now: number): ChannelSubscription | undefined {
    const watch = this.byChannel.get(channel)?.get(nativeSymbol);
    if (!watch) return undefined;
    watch.lastSeen = now;
    if (!watch.stale) return undefined;
    watch.stale = false;
    return watch.sub;
  }

  /** Channels that just crossed their quiet threshold (each reported once per quiet spell). */
  due(now: number): ChannelSubscription[] {
    const out: ChannelSubscription[] = [];
    for (const watch of this.order) {
      if (watch.stale || now - watch.lastSeen < this.quietMs(watch.sub.channel)) continue;
      watch.stale = true;
      out.push(watch.sub);
    }
    return out;
  }

  clear(): void {
    this.byChannel.clear();
    this.order.length = 0;
  }
}
