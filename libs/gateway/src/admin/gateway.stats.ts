import { Injectable } from '@nestjs/common';
import { MarketFeed, type MarketFeedStats } from '../upstream/market-feed.service';
import { SessionRegistry } from '../ws/session.registry';

export interface GatewayStatsSnapshot {
  readonly clients: number;
  readonly subscriptions: number;
  readonly backlog: number;
  /** Bytes in client socket buffers not yet taken by the kernel (slow readers). */
  readonly bufferedBytes: number;
  readonly sent: number;
  readonly conflated: number;
  readonly queued: number;
  readonly slowDisconnects: number;
  readonly rateLimitDisconnects: number;
  readonly rejectedUpgrades: number;
  readonly invalidMessages: number;
  readonly deadDisconnects: number;
  readonly upstream: MarketFeedStats;
}

/** One read model of the gateway for /admin/gateway and /metrics. */
@Injectable()
export class GatewayStats {
  constructor(
    private readonly sessions: SessionRegistry,
    private readonly feed: MarketFeed,
  ) {}

  snapshot(): GatewayStatsSnapshot {
    const s = this.sessions;
    return {
      clients: s.sessions.size,
      subscriptions: s.subscriptionCount(),
      backlog: s.backlog(),
      bufferedBytes: s.bufferedBytes(),
      ...s.counters,
      rateLimitDisconnects: s.rateLimitDisconnects,
      rejectedUpgrades: s.rejectedUpgrades,
      invalidMessages: s.invalidMessages,
      deadDisconnects: s.deadDisconnects,
      upstream: this.feed.stats(),
    };
  }
}
