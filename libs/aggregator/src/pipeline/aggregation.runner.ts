import type { BusSubscription, ConsumedBatch, MarketBus } from '@feedgate/bus';
import { FrameDecoder } from '@feedgate/codec';
import type { AggOutput } from './agg-output';
import { AGG_TOPICS } from './agg-output';
import { AggOutputEncoder } from './agg-output.encoder';
import type { AggregationPipeline } from './aggregation.pipeline';
import { sliceRecords } from './record-slices';

const DEFAULT_MAX_PUBLISH_BYTES = 1024 * 1024;

export interface AggregationRunnerOptions {
  /** Consumer group on md.unified. */
  readonly groupId: string;
  readonly fromBeginning?: boolean;
  readonly maxBatchRecords?: number;
  /** Wall-clock flush period (closing candles, VWAP, staleness). */
  readonly tickIntervalMs: number;
  /** Records published but not acknowledged above which the subscription is paused. */
  readonly maxPendingRecords: number;
  /** How long stop() waits for pending publishes before giving up on them. */
  readonly stopTimeoutMs: number;
  /**
   * Largest publish call, bytes (default 1 MiB, well under a Kafka producer's buffer): a
   * batch's outputs go out in slices of this size, in order.
   */
  readonly maxPublishBytes?: number;
  /** Written as gateId in md.alerts frame headers. */
  readonly producerId: string;
  /** Injected wall clock (epoch ms): tests drive time, production uses Date.now. */
  readonly clock?: () => number;
  /** Where warnings go (the lib never logs by itself). */
  readonly onWarning?: (message: string, error?: unknown) => void;
}

export interface RunnerStats {
  readonly state: 'idle' | 'running' | 'failed' | 'stopped';
  readonly failure: string | null;
  readonly paused: boolean;
  readonly batches: number;
  readonly frames: number;
  readonly events: number;
  /** md.unified records that were not decodable frames: skipped and committed (poison pill). */
  readonly badFrames: number;
  readonly published: number;
  readonly publishErrors: number;
  readonly pendingRecords: number;
  readonly commits: number;
  readonly ticks: number;
  readonly alertEncodeErrors: number;
}

/**
 * Runs an AggregationPipeline as a consumer-group member of md.unified: decode frames → pipeline
 * → publish outputs → commit. At-least-once: a batch's offset is committed only after every
 * output it produced was acknowledged, so a crash before that redelivers the batch (downstream
 * keeps the highest candle revision and tolerates a repeat). Tick outputs are published from a
 * timer; while more than maxPendingRecords are unacknowledged the subscription is paused.
 * A failed publish or commit fails the runner (state 'failed', health goes red): pipeline state
 * already holds the batch, so replaying it in this process would double count — a restart
 * (fresh state, redelivery from the last commit) is the recovery.
 */
export class AggregationRunner {
  private readonly decoder = new FrameDecoder();
  private readonly encoder: AggOutputEncoder;
  private readonly clock: () => number;
  private subscription: BusSubscription | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly inFlight = new Set<Promise<void>>();
  private state: RunnerStats['state'] = 'idle';
  private failure: string | null = null;
  private pausedByUs = false;
  private c = { batches: 0, frames: 0, events: 0, badFrames: 0, published: 0 };
  private d = { publishErrors: 0, pendingRecords: 0, commits: 0, ticks: 0 };

  constructor(
    private readonly bus: MarketBus,
    readonly pipeline: AggregationPipeline,
    private readonly options: AggregationRunnerOptions,
  ) {
    this.clock = options.clock ?? Date.now;
    this.encoder = new AggOutputEncoder(options.producerId, Math.floor(Date.now() / 1000));
  }

  async start(): Promise<void> {
    if (this.state !== 'idle') return;
    this.state = 'running';
    const sub = await this.bus.subscribe(
      {
        topics: [AGG_TOPICS.unified],
        groupId: this.options.groupId,
        fromBeginning: this.options.fromBeginning ?? false,
        maxBatchRecords: this.options.maxBatchRecords,
      },
      (batch, s) => this.handle(batch, s),
    );
    this.subscription = sub;
    sub.done.catch((error: unknown) => this.fail('subscription ended', error));
    if (this.state !== 'running') {
      await sub.close(); // stopped or failed while subscribing
      return;
    }
    this.timer = setInterval(() => this.tick(), this.options.tickIntervalMs);
    this.timer.unref();
  }

  /** Runs one wall-clock flush now (the timer calls this); resolves when its outputs are acked. */
  tick(): Promise<void> {
    if (this.state !== 'running') return Promise.resolve();
    this.d.ticks++;
    return this.publish(this.pipeline.tick(this.clock())).catch(() => undefined);
  }

  /**
   * Leaves the group first (an in-flight batch is abandoned, uncommitted: redelivered to the next
   * owner), then waits up to stopTimeoutMs for pending publishes. Idempotent.
   */
  async stop(): Promise<void> {
    if (this.state === 'stopped') return;
    if (this.state !== 'failed') this.state = 'stopped';
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    await this.subscription?.close().catch(() => undefined);
    let timeout: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.allSettled([...this.inFlight]),
      new Promise<void>((r) => (timeout = setTimeout(r, this.options.stopTimeoutMs))),
    ]);
    clearTimeout(timeout);
    this.state = 'stopped';
  }

  stats(): RunnerStats {
    return {
      state: this.state,
      failure: this.failure,
      paused: this.subscription?.paused ?? false,
      ...this.c,
      ...this.d,
      alertEncodeErrors: this.encoder.encodeErrors,
    };
  }

  private async handle(batch: ConsumedBatch, sub: BusSubscription): Promise<void> {
    if (this.state !== 'running') return; // never commit after stop: redeliver instead
    this.c.batches++;
    const nowMs = this.clock();
    const outputs: AggOutput[] = [];
    for (const record of batch.records) {
      let events;
      try {
        events = this.decoder.decode(record.value).events;
      } catch (error) {
        this.c.badFrames++;
        this.options.onWarning?.(
          `skipping undecodable frame ${batch.topic}/${batch.partition}@${record.offset}`,
          error,
        );
        continue;
      }
      this.c.frames++;
      this.c.events += events.length;
      for (const e of events) {
        const produced = this.pipeline.process(e, nowMs);
        for (let i = 0; i < produced.length; i++) outputs.push(produced[i]);
      }
    }
    await this.publish(outputs); // throws → handler error → subscription fails, nothing committed
    if (this.state !== 'running') return;
    await sub.commit([
      { topic: batch.topic, partition: batch.partition, offset: batch.nextOffset },
    ]);
    this.d.commits++;
  }

  /** Publishes in generation order (per-key order holds across calls); tracks what is pending. */
  private publish(outputs: readonly AggOutput[]): Promise<void> {
    if (outputs.length === 0) return Promise.resolve();
    const groups = this.encoder.encode(outputs);
    const n = groups.reduce((sum, g) => sum + g.records.length, 0);
    this.d.pendingRecords += n;
    this.applyBackpressure();
    const maxBytes = this.options.maxPublishBytes ?? DEFAULT_MAX_PUBLISH_BYTES;
    // Every slice is handed to the bus now, in order: per-key order holds across slices.
    const calls = groups.flatMap((g) =>
      sliceRecords(g.records, maxBytes).map((slice) => this.bus.publish(g.topic, slice)),
    );
    const p = Promise.all(calls).then(
      () => {
        this.c.published += n;
      },
      (error: unknown) => {
        this.d.publishErrors++;
        this.fail('publish failed', error);
        throw error;
      },
    );
    const tracked = p.finally(() => {
      this.d.pendingRecords -= n;
      this.inFlight.delete(tracked);
      this.applyBackpressure();
    });
    this.inFlight.add(tracked);
    return tracked;
  }

  private applyBackpressure(): void {
    const sub = this.subscription;
    if (sub === undefined) return;
    const pending = this.d.pendingRecords;
    if (!this.pausedByUs && pending > this.options.maxPendingRecords) {
      this.pausedByUs = true;
      sub.pause();
    } else if (this.pausedByUs && pending <= this.options.maxPendingRecords / 2) {
      this.pausedByUs = false;
      if (this.state === 'running') sub.resume();
    }
  }

  private fail(what: string, error: unknown): void {
    if (this.state !== 'running') return;
    this.state = 'failed';
    this.failure = `${what}: ${(error as Error)?.message ?? String(error)}`;
    this.options.onWarning?.(this.failure, error);
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }
}
