import type { BusRecord } from '@feedgate/bus';
import { FrameEncoder } from '@feedgate/codec';
import type { AlertEvent } from '@feedgate/core';
import { AGG_TOPICS, type AggOutput } from './agg-output';

/** Records of one topic, in the order the pipeline produced them. */
export interface TopicRecords {
  readonly topic: string;
  readonly records: BusRecord[];
}

/**
 * Turns pipeline outputs into bus records (formats documented in pipeline/README.md):
 * md.agg.* → one UTF-8 JSON record per message with a `kind` header (consumers can skip kinds
 * without parsing); md.alerts → binary codec frames of AlertEvents, consecutive alerts of one key
 * in one frame (alerts are unified events, so md.alerts reads like md.unified and md.status).
 * Not re-entrant (one reusable FrameEncoder): one encoder per producer loop.
 */
export class AggOutputEncoder {
  private readonly frames = new FrameEncoder();
  private frameSeq = 0;
  /** Alert frames the codec refused (e.g. an oversized detail): dropped, counted, never thrown. */
  encodeErrors = 0;

  /**
   * @param producerId written as the frame header's gateId (who produced the alert frames).
   * @param epoch the frame header's connection epoch: bump it per process start.
   */
  constructor(
    private readonly producerId: string,
    private readonly epoch: number,
  ) {}

  encode(outputs: readonly AggOutput[]): TopicRecords[] {
    const byTopic = new Map<string, BusRecord[]>();
    const push = (topic: string, r: BusRecord) => {
      let list = byTopic.get(topic);
      if (list === undefined) byTopic.set(topic, (list = []));
      list.push(r);
    };
    let alerts: AlertEvent[] = [];
    let alertKey = '';
    const flushAlerts = () => {
      const value = alerts.length > 0 ? this.alertFrame(alerts) : null;
      if (value !== null) push(AGG_TOPICS.alerts, { key: alertKey, value });
      alerts = [];
    };
    for (const o of outputs) {
      if ('alert' in o) {
        if (o.key !== alertKey) flushAlerts();
        alertKey = o.key;
        alerts.push(o.alert);
        continue;
      }
      push(o.topic, {
        key: o.key,
        value: Buffer.from(JSON.stringify(o.message)),
        headers: { kind: o.message.kind, 'content-type': 'application/json' },
      });
    }
    flushAlerts();
    return [...byTopic].map(([topic, records]) => ({ topic, records }));
  }

  private alertFrame(alerts: readonly AlertEvent[]): Buffer | null {
    try {
      return this.frames.encode(
        {
          gateId: this.producerId,
          replica: 'A',
          epoch: this.epoch,
          frameSeq: this.frameSeq++,
          firstEventTime: alerts[0].ts,
        },
        alerts,
      );
    } catch {
      this.encodeErrors++;
      return null;
    }
  }
}
