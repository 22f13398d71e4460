import { Logger } from '@nestjs/common';
import {
  InProcessBus,
  InProcessTransactionalProcessor,
  KafkaTransactionalProcessor,
  type BusConfig,
  type MarketBus,
  type TransactionalProcessor,
} from '@feedgate/bus';
import { AggregationPipeline, AggregationRunner } from '@feedgate/aggregator';
import { DedupConfig, DedupPipeline } from '@feedgate/dedup-service';
import { EmulatorServer } from '@feedgate/emulator';
import { GateConfig, GateService } from '@feedgate/gate';
import { MD_TOPICS } from '../topics/md-topics';
import type { EmbeddedOptions } from './embedded.options';

/**
 * The whole intake in one process (DESIGN.md data flow): the emulator as the exchanges,
 * gates A and B on separate connections, dedup (first copy wins) into md.unified and the
 * aggregator into md.agg.* — all on one bus (embedded in-process by default, Kafka when
 * KAFKA_BROKERS is set). Started and stopped by EmbeddedLifecycle.
 */
export class EmbeddedPipeline {
  private readonly logger = new Logger('Pipeline');
  private emulator: EmulatorServer | null = null;
  private gateList: GateService[] = [];
  private dedup: DedupPipeline | null = null;
  private processor: TransactionalProcessor | null = null;
  private aggregator: AggregationRunner | null = null;
  private timer: NodeJS.Timeout | undefined;
  private last = { at: Date.now(), eventsOut: 0 };

  constructor(readonly options: EmbeddedOptions) {}

  get gates(): readonly GateService[] {
    return this.gateList;
  }

  get emulatorUrls(): EmulatorServer['urls'] | null {
    return this.emulator?.urls ?? null;
  }

  async start(bus: MarketBus, busConfig: BusConfig): Promise<void> {
    const o = this.options;
    this.emulator = await EmulatorServer.start({
      exchanges: o.exchanges,
      symbols: o.symbols,
      ratePerSymbol: o.ratePerSymbol,
      seed: o.seed,
      port: 0,
    });
    this.logger.log(
      `emulator: ${o.exchanges.join(', ')} × ${o.symbols.join(', ')} at ${o.ratePerSymbol}/s`,
    );

    for (const replica of ['A', 'B'] as const) {
      const gate = new GateService(GateConfig.fromEnv(this.gateEnv(replica)), bus);
      await gate.onApplicationBootstrap();
      this.gateList.push(gate);
    }

    const dedupConfig = DedupConfig.fromEnv({ DEDUP_INSTANCE_ID: 'embedded' });
    this.processor = busConfig.usesKafka
      ? new KafkaTransactionalProcessor(busConfig, dedupConfig.transactionalId)
      : new InProcessTransactionalProcessor(bus as InProcessBus, busConfig);
    await this.processor.ensureTopics(
      MD_TOPICS.filter(
        (t) => t.topic === dedupConfig.inputTopic || t.topic === dedupConfig.outputTopic,
      ),
    );
    this.dedup = new DedupPipeline(this.processor, dedupConfig);
    await this.dedup.start();

    this.aggregator = new AggregationRunner(bus, new AggregationPipeline(), {
      groupId: 'feedgate-aggregator',
      tickIntervalMs: 250,
      maxPendingRecords: 10_000,
      stopTimeoutMs: 5000,
      producerId: 'aggregator-embedded',
      onWarning: (message) => this.logger.warn(message),
    });
    await this.aggregator.start();

    this.timer = setInterval(() => this.logProgress(), o.logEverySec * 1000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    // Upstream first, so every stage drains what the previous one already handed over.
    for (const gate of this.gateList) await gate.beforeApplicationShutdown();
    await this.emulator?.stop();
    await this.dedup?.stop();
    await this.processor?.close();
    await this.aggregator?.stop();
  }

  /** One line every few seconds: events/s out of dedup, duplicates dropped, reconnects. */
  private logProgress(): void {
    if (!this.dedup) return;
    const c = this.dedup.engine.counters;
    const now = Date.now();
    const rate = ((c.eventsOut - this.last.eventsOut) * 1000) / Math.max(1, now - this.last.at);
    this.last = { at: now, eventsOut: c.eventsOut };
    const views = this.gateList.flatMap((g) => g.views(now));
    const reconnects = views.reduce((n, v) => n + v.reconnects, 0);
    const live = views.filter((v) => v.state === 'live').length;
    const candles = this.aggregator?.stats().published ?? 0;
    this.logger.log(
      `${Math.round(rate)} events/s unified, ${c.duplicates} duplicates dropped, ` +
        `${reconnects} reconnects, ${live}/${views.length} connectors live, ${candles} aggregates out`,
    );
  }

  private gateEnv(replica: 'A' | 'B'): Record<string, string> {
    const env: Record<string, string> = {
      GATE_ID: `gate-${replica.toLowerCase()}`,
      GATE_REPLICA: replica,
      GATE_EXCHANGES: this.options.exchanges.join(','),
      GATE_SYMBOLS: this.options.symbols.join(','),
    };
    for (const [id, urls] of Object.entries(this.emulator?.urls ?? {})) {
      const name = id.toUpperCase().replace(/-/g, '_');
      env[`GATE_URL_${name}_WS`] = urls.ws;
      env[`GATE_URL_${name}_REST`] = urls.rest;
    }
    return env;
  }
}
