import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { ConnectorRegistry } from '../connectors/connector-registry';
import { MarketFeed } from '../upstream/market-feed.service';

/**
 * Terminus indicators. `bus`: every upstream subscription of the gateway is alive (a failed
 * Kafka consumer ends its subscription). `connectors`: down when enabled connectors exist and
 * none of them is live (some down = degraded, reported in the details but still up).
 */
@Injectable()
export class GatewayHealthIndicators {
  constructor(
    private readonly health: HealthIndicatorService,
    private readonly feed: MarketFeed,
    private readonly registry: ConnectorRegistry,
  ) {}

  bus() {
    const check = this.health.check('bus');
    const stats = this.feed.stats();
    const down = Object.entries(stats.upstream)
      .filter(([, ok]) => !ok)
      .map(([t]) => t);
    const details = {
      topics: Object.keys(stats.upstream).length,
      lastBatchAt: stats.lastBatchAt || null,
    };
    if (details.topics === 0) return check.down({ ...details, reason: 'not subscribed yet' });
    return down.length > 0 ? check.down({ ...details, failed: down }) : check.up(details);
  }

  connectors() {
    const check = this.health.check('connectors');
    const enabled = this.registry.connectors().filter((c) => c.enabled);
    const live = enabled.filter((c) => c.state === 'live').length;
    const notLive = enabled.filter((c) => c.state !== 'live').map((c) => `${c.id}:${c.state}`);
    const details = { enabled: enabled.length, live, notLive };
    return enabled.length > 0 && live === 0 ? check.down(details) : check.up(details);
  }
}
