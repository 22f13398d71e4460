import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { hostname } from 'node:os';
import {
  AGG_TOPICS,
  AggregationPipeline,
  AggregationRunner,
  type RunnerStats,
} from '@feedgate/aggregator';
import { MarketBus } from '@feedgate/bus';
import { AggregatorConfig } from './config/aggregator.config';

/** Injection token of the wall clock (tests drive time). */
export const AGG_CLOCK = Symbol('AGG_CLOCK');
export type AggClock = () => number;

/**
 * The aggregator as a Nest service: on bootstrap it ensures its topics and joins the consumer
 * group (AggregationRunner does the consume → aggregate → publish → commit loop); before the
 * bus closes on shutdown it leaves the group, so an in-flight batch is redelivered, not lost.
 */
@Injectable()
export class AggregatorService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(AggregatorService.name);
  readonly runner: AggregationRunner;

  constructor(
    @Inject(AggregatorConfig) private readonly config: AggregatorConfig,
    @Inject(MarketBus) private readonly bus: MarketBus,
    @Inject(AGG_CLOCK) clock: AggClock,
  ) {
    this.runner = new AggregationRunner(bus, new AggregationPipeline(config.pipeline), {
      groupId: config.groupId,
      fromBeginning: config.fromBeginning,
      tickIntervalMs: config.tickIntervalMs,
      maxPendingRecords: config.maxPendingRecords,
      stopTimeoutMs: config.stopTimeoutMs,
      producerId: `aggregator@${hostname()}:${process.pid}`,
      clock,
      onWarning: (message, error) =>
        this.logger.warn(error instanceof Error ? `${message} (${error.message})` : message),
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    // Partition counts of infra/kafka/topics.json; existing topics are left alone.
    await this.bus.ensureTopics([
      { topic: AGG_TOPICS.unified, partitions: 12 },
      { topic: AGG_TOPICS.candles, partitions: 6 },
      { topic: AGG_TOPICS.bbo, partitions: 6 },
      { topic: AGG_TOPICS.alerts, partitions: 3 },
    ]);
    await this.runner.start();
    this.logger.log(
      `aggregating ${AGG_TOPICS.unified} as group ${this.config.groupId} (mode ${this.config.mode})`,
    );
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.runner.stop();
  }

  stats(): RunnerStats {
    return this.runner.stats();
  }
}
