import { InProcessBus, type BusRecord, type ConsumedRecord, type MarketBus } from '@feedgate/bus';
import { FrameDecoder, FrameEncoder } from '@feedgate/codec';
import { eventKey, type AlertEvent, type UnifiedEvent } from '@feedgate/core';
import { AGG_TOPICS, type AggJsonMessage } from './agg-output';

/** Test-only helpers for the pipeline/runner/app specs: frames in, decoded outputs out. */

export const TEST_TOPICS = [
  { topic: AGG_TOPICS.unified, partitions: 12 },
  { topic: AGG_TOPICS.candles, partitions: 6 },
  { topic: AGG_TOPICS.bbo, partitions: 6 },
  { topic: AGG_TOPICS.alerts, partitions: 3 },
];

/** An in-process bus whose publishes to `topic` wait while the gate is closed. */
export class GatedBus extends InProcessBus {
  private gate: Promise<void> | null = null;
  private open: (() => void) | null = null;
  gatedTopic = AGG_TOPICS.candles as string;
  waiting = 0;

  hold(): void {
    this.gate ??= new Promise<void>((r) => (this.open = r));
  }

  release(): void {
    this.open?.();
    this.gate = null;
  }

  override async publish(topic: string, records: readonly BusRecord[]): Promise<void> {
    if (this.gate !== null && topic === this.gatedTopic) {
      this.waiting++;
      await this.gate;
    }
    return super.publish(topic, records);
  }
}

let frameSeq = 0;
const encoder = new FrameEncoder();

/** Publishes each event as its own md.unified frame keyed exchange:symbol. */
export async function publishUnified(
  bus: MarketBus,
  events: readonly UnifiedEvent[],
): Promise<void> {
  const records = events.map((e) => ({
    key: eventKey(e),
    value: encoder.encode(
      {
        gateId: 'test',
        replica: 'A' as const,
        epoch: 1,
        frameSeq: frameSeq++,
        firstEventTime: e.ts,
      },
      [e],
    ),
  }));
  await bus.publish(AGG_TOPICS.unified, records);
}

/** Reads md.agg.* and md.alerts from the beginning in its own group. */
export class OutputReader {
  readonly records: ConsumedRecord[] = [];
  private readonly decoder = new FrameDecoder();

  static async attach(bus: MarketBus, groupId: string): Promise<OutputReader> {
    const r = new OutputReader();
    await bus.subscribe(
      {
        topics: [AGG_TOPICS.candles, AGG_TOPICS.bbo, AGG_TOPICS.alerts],
        groupId,
        fromBeginning: true,
      },
      async (batch, sub) => {
        r.records.push(...batch.records);
        await sub.commit([
          { topic: batch.topic, partition: batch.partition, offset: batch.nextOffset },
        ]);
      },
    );
    return r;
  }

  /** JSON messages of one kind (md.agg.*), in delivery order. */
  json<K extends AggJsonMessage['kind']>(kind: K): Extract<AggJsonMessage, { kind: K }>[] {
    return this.records
      .filter((r) => r.topic !== AGG_TOPICS.alerts)
      .map((r) => JSON.parse(r.value.toString('utf8')) as AggJsonMessage)
      .filter((m): m is Extract<AggJsonMessage, { kind: K }> => m.kind === kind);
  }

  alerts(): { key: string; alert: AlertEvent }[] {
    return this.records
      .filter((r) => r.topic === AGG_TOPICS.alerts)
      .flatMap((r) =>
        this.decoder.decode(r.value).events.map((e) => ({ key: r.key, alert: e as AlertEvent })),
      );
  }
}

export async function until(cond: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 2));
  }
}
