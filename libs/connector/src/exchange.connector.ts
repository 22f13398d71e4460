import type { StatusEvent, UnifiedEvent } from '@feedgate/core';
import { asyncScheduler, merge, type Observable } from 'rxjs';
import { SnapshotBudget } from './book/snapshot-budget';
import { ConnectorActor } from './connector.actor';
import { ConnectorMetrics } from './connector.metrics';
import type { ConnectorActorOptions, DeadLetter } from './connector.options';
import { ConnectorSupervisor, type SupervisorOptions } from './connector.supervisor';
import type { ChannelSubscription } from './protocol/channel-subscription';
import { SubscriptionSharder } from './subscription.sharder';

export interface ExchangeConnectorOptions extends Omit<
  ConnectorActorOptions,
  'shard' | 'subscriptions' | 'budget' | 'url'
> {
  readonly subscriptions: readonly ChannelSubscription[];
  /** URL override per shard (e.g. the emulator); default `protocol.url(shard)`. */
  readonly url?: (shard: number) => string;
  readonly supervisor?: SupervisorOptions;
  /** REST snapshot budget shared by all shards; default 10 burst, 5 per second. */
  readonly snapshotBudget?: { readonly capacity: number; readonly refillPerSecond: number };
}

/**
 * All connections of one exchange: shards the subscriptions within the per-connection limit,
 * runs one supervised actor per shard, shares one REST snapshot budget and one metrics
 * object between them, and merges their streams.
 */
export class ExchangeConnector {
  readonly supervisors: readonly ConnectorSupervisor[];
  readonly metrics: ConnectorMetrics;
  readonly budget: SnapshotBudget;
  readonly events$: Observable<UnifiedEvent>;
  readonly status$: Observable<StatusEvent>;
  readonly deadLetters$: Observable<DeadLetter>;

  constructor(options: ExchangeConnectorOptions) {
    const scheduler = options.scheduler ?? asyncScheduler;
    this.metrics = options.metrics ?? new ConnectorMetrics();
    const budget = options.snapshotBudget ?? { capacity: 10, refillPerSecond: 5 };
    this.budget = new SnapshotBudget(budget.capacity, budget.refillPerSecond, scheduler);
    const shards = new SubscriptionSharder().shard(
      options.subscriptions,
      options.protocol.limits.maxSubscriptionsPerConnection,
    );
    this.supervisors = shards.map((subscriptions, shard) => {
      const actor = new ConnectorActor({
        ...options,
        scheduler,
        metrics: this.metrics,
        budget: this.budget,
        shard,
        subscriptions,
        url: options.url?.(shard),
      });
      return new ConnectorSupervisor(actor, options.supervisor);
    });
    const actors = this.supervisors.map((s) => s.actor);
    this.events$ = merge(...actors.map((a) => a.events$));
    this.status$ = merge(...actors.map((a) => a.status$));
    this.deadLetters$ = merge(...actors.map((a) => a.deadLetters$));
  }

  get actors(): ConnectorActor[] {
    return this.supervisors.map((s) => s.actor);
  }

  start(): void {
    for (const s of this.supervisors) s.start();
  }

  stop(): void {
    for (const s of this.supervisors) s.stop();
  }
}
