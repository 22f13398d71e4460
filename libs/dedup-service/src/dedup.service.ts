import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { TransactionalProcessor } from '@feedgate/bus';
import { DedupConfig } from './config/dedup.config';
import { DedupMetrics } from './dedup.metrics';
import { DedupPipeline } from './dedup.pipeline';

const LOG_EVERY_MS = 5000;

/** Runs the pipeline for the app's lifetime; logs a line every few seconds. */
@Injectable()
export class DedupService implements OnModuleInit, OnApplicationShutdown {
  readonly pipeline: DedupPipeline;
  readonly metrics: DedupMetrics;
  private readonly logger = new Logger(DedupService.name);
  private timer: NodeJS.Timeout | undefined;

  constructor(
    @Inject(DedupConfig) readonly config: DedupConfig,
    @Inject(TransactionalProcessor) readonly processor: TransactionalProcessor,
  ) {
    this.pipeline = new DedupPipeline(processor, config);
    this.metrics = new DedupMetrics(this.pipeline.engine, processor, {
      instance: config.instanceId,
    });
  }

  async onModuleInit(): Promise<void> {
    await this.processor.ensureTopics([
      { topic: this.config.inputTopic, partitions: 12 },
      { topic: this.config.outputTopic, partitions: 12 },
    ]);
    await this.pipeline.start();
    this.processor.done.catch((e: unknown) => {
      // Fenced or dead: another instance owns the work now; exit so a supervisor restarts us.
      this.logger.error(`dedup stopped: ${(e as Error).message}`);
      process.exitCode = 1;
    });
    this.timer = setInterval(() => {
      const c = this.pipeline.engine.counters;
      const t = this.processor.stats();
      this.logger.log(
        `in ${c.eventsIn} out ${c.eventsOut} dup ${c.duplicates} gaps ${c.gapEvents} ` +
          `txn ${t.committed}/${t.aborted} window ${this.pipeline.engine.windowSize()}`,
      );
    }, LOG_EVERY_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.pipeline.stop();
  }
}
