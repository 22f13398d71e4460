import type { EmulatorControlClient } from './emulator-control.client';

export type ReplicaTag = 'A' | 'B';

interface Track {
  /** Connection ids seen covering every symbol, in the last poll. */
  ids: string;
  /** Since when that same set of connections has covered everything, un-stalled. */
  stableSince: number | undefined;
  /** No stability counts before this (a fault or crash we caused is still in effect). */
  blockedUntil: number;
}

/**
 * Whether replica X of exchange E is subscribed and flowing, seen from the emulator side (the
 * `?replica=` tag the gate dials with): every symbol on the trades and book channels, no
 * connection stalled, and the same connections for a while. This is what the rule "never
 * fault both replicas of a subscription at once" is checked against. A fault we inject blocks
 * the replica until we have SEEN it recover, so a status poll that lags the fault cannot
 * make it look healthy.
 */
export class ReplicaHealthTracker {
  private readonly tracks = new Map<string, Track>();
  private timer: NodeJS.Timeout | undefined;
  private polling = false;

  constructor(
    private readonly emulator: EmulatorControlClient,
    private readonly exchanges: readonly string[],
    private readonly symbols: readonly string[],
    private readonly pollMs = 250,
  ) {
    for (const e of exchanges)
      for (const r of ['A', 'B'] as const)
        this.tracks.set(`${e}|${r}`, { ids: '', stableSince: undefined, blockedUntil: 0 });
  }

  start(): void {
    this.timer = setInterval(() => void this.poll(), this.pollMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Healthy for at least `minStableMs`. */
  healthy(exchange: string, replica: ReplicaTag, minStableMs: number, now = Date.now()): boolean {
    const t = this.track(exchange, replica);
    return (
      now >= t.blockedUntil && t.stableSince !== undefined && now - t.stableSince >= minStableMs
    );
  }

  allHealthy(replica: ReplicaTag, minStableMs: number): boolean {
    return this.exchanges.every((e) => this.healthy(e, replica, minStableMs));
  }

  /** We are about to hurt (exchange, replica): forget its stability until `until`. */
  block(exchange: string, replica: ReplicaTag, until: number): void {
    const t = this.track(exchange, replica);
    t.stableSince = undefined;
    t.ids = '';
    t.blockedUntil = Math.max(t.blockedUntil, until);
  }

  unblock(exchange: string, replica: ReplicaTag, from = Date.now()): void {
    this.track(exchange, replica).blockedUntil = from;
  }

  async waitAllHealthy(minStableMs: number, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.allHealthy('A', minStableMs) && this.allHealthy('B', minStableMs)) return true;
      await sleep(200);
    }
    return false;
  }

  private async poll(): Promise<void> {
    if (this.polling) return;
    this.polling = true;
    try {
      const status = await this.emulator.status();
      const now = Date.now();
      for (const ex of status) {
        for (const r of ['A', 'B'] as const) {
          const t = this.tracks.get(`${ex.exchange}|${r}`);
          if (!t) continue;
          const mine = ex.clients.filter((c) => c.replica === r);
          const covered = (channel: string): boolean =>
            this.symbols.every((s) => mine.some((c) => c.channels[channel]?.includes(s)));
          const ok =
            now >= t.blockedUntil &&
            mine.every((c) => !c.stalled) &&
            covered('trades') &&
            covered('book');
          const ids = mine
            .map((c) => c.id)
            .sort()
            .join(',');
          if (!ok) {
            t.stableSince = undefined;
            t.ids = '';
          } else if (ids !== t.ids || t.stableSince === undefined) {
            t.ids = ids;
            t.stableSince = now;
          }
        }
      }
    } catch {
      // The emulator is busy or the run is ending: the next poll decides.
    } finally {
      this.polling = false;
    }
  }

  private track(exchange: string, replica: ReplicaTag): Track {
    const t = this.tracks.get(`${exchange}|${replica}`);
    if (!t) throw new Error(`unknown exchange ${exchange}`);
    return t;
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
