import {
  AGG_TOPICS,
  AggregationPipeline,
  AggregationRunner,
  type AggregationPipelineOptions,
  type RunnerStats,
} from '@feedgate/aggregator';
import {
  BusConfig,
  InProcessBus,
  InProcessTransactionalProcessor,
  type BusSubscription,
  type ConsumedBatch,
} from '@feedgate/bus';
import { FrameDecoder } from '@feedgate/codec';
import type { AlertEvent, StatusEvent, UnifiedEvent } from '@feedgate/core';
import { DedupConfig, DedupPipeline } from '@feedgate/dedup-service';
import { EmulatorServer } from '@feedgate/emulator';
import { GateConfig, GateService } from '@feedgate/gate';
import { ScenarioHarnessError } from './scenario-harness.error';
// The partition layout the broker scripts create; gate and dedup must agree on md.raw's.
import topicsFile from '../../../../infra/kafka/topics.json';

export interface AlertScenarioOptions {
  /** Served by the emulator and connected by every gate replica. */
  readonly exchanges: readonly string[];
  readonly symbols: readonly string[];
  readonly ratePerSymbol: number;
  readonly seed: number;
  readonly pipeline: AggregationPipelineOptions;
  /** Aggregator wall-clock tick (stale-feed checks run on it). */
  readonly tickIntervalMs: number;
  /** Gate replicas connecting every subscription (production runs A and B). */
  readonly replicas: readonly ('A' | 'B')[];
}

/** What reached md.unified for one exchange and symbol, as the aggregator saw it. */
export interface ExchangeFlow {
  trades: number;
  books: number;
  bbos: number;
  firstTs: number;
  lastTs: number;
}

/** Connector states that mean the wire was not what its protocol promises (or went away). */
const PROBLEM_STATES = new Set(['gap', 'resync', 'reconnecting', 'stale', 'backoff']);

/**
 * The production intake in one process, without Kafka (as EmbeddedPipeline wires it for
 * `npm start`): the emulator on 127.0.0.1:0 → gate replicas (real connectors and parsers) →
 * md.raw → dedup → md.unified → AggregationRunner (the aggregator app's loop) → md.alerts, all on
 * one InProcessBus. Records the alerts, the per-exchange flow into md.unified and every connector
 * status that signals a broken wire (gap, checksum resync, reconnect).
 */
export class AlertScenarioHarness {
  readonly alerts: AlertEvent[] = [];
  readonly problems: StatusEvent[] = [];
  /** Keyed `exchange symbol`. */
  readonly flow = new Map<string, ExchangeFlow>();
  private readonly bus = new InProcessBus(BusConfig.of());
  private readonly gates: GateService[] = [];
  private readonly subs: BusSubscription[] = [];
  private readonly pendingSubs: Promise<void>[] = [];
  private emu: EmulatorServer | null = null;
  private dedup: DedupPipeline | null = null;
  private runner: AggregationRunner | null = null;

  private constructor(readonly options: AlertScenarioOptions) {}

  static async start(options: AlertScenarioOptions): Promise<AlertScenarioHarness> {
    const h = new AlertScenarioHarness(options);
    try {
      await h.boot();
    } catch (e) {
      await h.stop();
      throw e;
    }
    return h;
  }

  get emulator(): EmulatorServer {
    if (!this.emu) throw new ScenarioHarnessError('emulator not started');
    return this.emu;
  }

  /** Polls `check` every 20 ms; fails with `label` after `timeoutMs` (a test never hangs). */
  async waitFor(check: () => boolean, timeoutMs: number, label: string): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!check()) {
      if (Date.now() > deadline) throw new ScenarioHarnessError(`timed out waiting for ${label}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /**
   * Waits until trades, books and quotes of every exchange × symbol have reached md.unified
   * over `spanMs` of exchange time: the detectors have been fed that long.
   */
  async flowing(spanMs: number, timeoutMs: number): Promise<void> {
    const { exchanges, symbols } = this.options;
    await this.waitFor(
      () =>
        exchanges.every((ex) =>
          symbols.every((sym) => {
            const f = this.flow.get(`${ex} ${sym}`);
            return (
              !!f && f.trades > 0 && f.books > 0 && f.bbos > 0 && f.lastTs - f.firstTs >= spanMs
            );
          }),
        ),
      timeoutMs,
      `${spanMs} ms of trades, books and quotes of ${symbols.join(', ')} from ${exchanges.join(', ')}`,
    );
  }

  /** Trades of one exchange (all its symbols) that reached md.unified. */
  trades(exchange: string): number {
    let n = 0;
    for (const [key, f] of this.flow) if (key.startsWith(`${exchange} `)) n += f.trades;
    return n;
  }

  runnerStats(): RunnerStats {
    if (!this.runner) throw new ScenarioHarnessError('aggregator not started');
    return this.runner.stats();
  }

  async stop(): Promise<void> {
    // Upstream first, as EmbeddedPipeline does, then the readers, then the bus.
    for (const gate of this.gates) await gate.beforeApplicationShutdown();
    await this.emu?.stop();
    await this.dedup?.stop();
    await this.runner?.stop();
    for (const s of this.subs) await s.close().catch(() => undefined);
    await this.bus.close();
  }

  private async boot(): Promise<void> {
    const o = this.options;
    await this.bus.ensureTopics(
      topicsFile.topics.map((t) => ({ topic: t.name, partitions: t.partitions })),
    );
    // Readers first, from the beginning, so nothing published is missed.
    this.read(AGG_TOPICS.alerts, (e) => e.type === 'alert' && this.alerts.push(e));
    this.read('md.status', (e) => {
      if (e.type === 'status' && PROBLEM_STATES.has(e.state)) this.problems.push(e);
    });
    this.read(AGG_TOPICS.unified, (e) => this.count(e));
    await Promise.all(this.pendingSubs);

    this.runner = new AggregationRunner(this.bus, new AggregationPipeline(o.pipeline), {
      groupId: 'feedgate-aggregator',
      tickIntervalMs: o.tickIntervalMs,
      maxPendingRecords: 10_000,
      stopTimeoutMs: 2_000,
      producerId: 'aggregator-scenarios',
    });
    await this.runner.start();

    const dedupConfig = DedupConfig.fromEnv({
      DEDUP_INSTANCE_ID: 'scenarios',
      DEDUP_MAX_IDS: '1000000',
    });
    const processor = new InProcessTransactionalProcessor(this.bus, BusConfig.of());
    await processor.ensureTopics(
      topicsFile.topics
        .filter((t) => t.name === dedupConfig.inputTopic || t.name === dedupConfig.outputTopic)
        .map((t) => ({ topic: t.name, partitions: t.partitions })),
    );
    this.dedup = new DedupPipeline(processor, dedupConfig);
    await this.dedup.start();

    this.emu = await EmulatorServer.start({
      exchanges: o.exchanges,
      symbols: o.symbols,
      ratePerSymbol: o.ratePerSymbol,
      seed: o.seed,
      port: 0,
    });
    for (const replica of o.replicas) {
      const gate = new GateService(GateConfig.fromEnv(this.gateEnv(replica)), this.bus);
      await gate.onApplicationBootstrap();
      this.gates.push(gate);
    }
  }

  private read(topic: string, onEvent: (e: UnifiedEvent) => unknown): void {
    const decoder = new FrameDecoder();
    const handle = (batch: ConsumedBatch): void => {
      for (const r of batch.records) for (const e of decoder.decode(r.value).events) onEvent(e);
    };
    this.pendingSubs.push(
      this.bus
        .subscribe(
          { topics: [topic], groupId: `scenario-probe-${topic}`, fromBeginning: true },
          handle,
        )
        .then((s) => void this.subs.push(s)),
    );
  }

  private count(e: UnifiedEvent): void {
    if (e.type !== 'trade' && e.type !== 'book' && e.type !== 'bbo') return;
    const key = `${e.exchange} ${e.symbol}`;
    let f = this.flow.get(key);
    if (!f) this.flow.set(key, (f = { trades: 0, books: 0, bbos: 0, firstTs: e.ts, lastTs: e.ts }));
    if (e.type === 'trade') f.trades++;
    else if (e.type === 'book') f.books++;
    else f.bbos++;
    f.lastTs = Math.max(f.lastTs, e.ts);
  }

  private gateEnv(replica: 'A' | 'B'): Record<string, string> {
    const env: Record<string, string> = {
      GATE_ID: `gate-${replica.toLowerCase()}`,
      GATE_REPLICA: replica,
      GATE_EXCHANGES: this.options.exchanges.join(','),
      GATE_SYMBOLS: this.options.symbols.join(','),
      LOG_LEVEL: 'warn',
    };
    for (const [id, urls] of Object.entries(this.emulator.urls)) {
      const name = id.toUpperCase().replace(/-/g, '_');
      env[`GATE_URL_${name}_WS`] = urls.ws;
      env[`GATE_URL_${name}_REST`] = urls.rest;
    }
    return env;
  }
}
