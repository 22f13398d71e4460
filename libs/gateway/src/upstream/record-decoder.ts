import { FrameDecoder } from '@feedgate/codec';
import { fromJsonEvent, type UnifiedEvent } from '@feedgate/core';
import type { JsonConsolidatedBbo } from '@feedgate/aggregator';

/** A decoded upstream record: unified events, or a consolidated BBO from md.agg.bbo. */
export type UpstreamItem =
  | {
      readonly kind: 'event';
      readonly event: UnifiedEvent;
      readonly amended?: boolean;
      readonly revision?: number;
    }
  | { readonly kind: 'nbbo'; readonly nbbo: JsonConsolidatedBbo };

const OPEN_BRACE = 0x7b;
const NONE: readonly UnifiedEvent[] = [];

/**
 * Aggregator outputs no /ws channel serves (VWAP on md.agg.candles, consolidated depth on
 * md.agg.bbo): skipped by their `kind` header without parsing. They are valid records, so they
 * must not be counted as bad ones.
 */
const UNSERVED_KINDS = new Set(['vwap', 'depth']);

/**
 * Turns a bus record value into items. Two encodings are accepted on every topic, told apart
 * by the first byte: binary frames (@feedgate/codec, md.unified) and UTF-8 JSON (the
 * aggregator outputs): a unified event in JSON form, a candle output
 * `{"candle":<JSON candle>,"amended":bool,"revision":n}`, or a consolidated BBO
 * (toJsonConsolidatedBbo, on md.agg.bbo). Throws on anything else; the caller counts it.
 */
export class RecordDecoder {
  private readonly frames = new FrameDecoder();

  decode(topic: string, value: Buffer, headers?: Readonly<Record<string, Buffer>>): UpstreamItem[] {
    const events = this.frameEvents(value, headers);
    if (events === undefined) return this.json(topic, value);
    return events.map((event) => ({ kind: 'event', event }));
  }

  /**
   * decode() without the item wrappers, for the hot path (md.unified is all binary frames):
   * the events of a binary frame, none for an unserved kind, undefined for a JSON record
   * (which decode() handles). Throws on a bad frame.
   */
  frameEvents(
    value: Buffer,
    headers?: Readonly<Record<string, Buffer>>,
  ): readonly UnifiedEvent[] | undefined {
    const kind = headers?.kind;
    if (kind !== undefined && UNSERVED_KINDS.has(kind.toString('latin1'))) return NONE;
    if (value.length > 0 && value[0] === OPEN_BRACE) return undefined;
    return this.frames.decode(value).events;
  }

  private json(topic: string, value: Buffer): UpstreamItem[] {
    const parsed: unknown = JSON.parse(value.toString('utf8'));
    if (typeof parsed !== 'object' || parsed === null) throw new Error('not a JSON object');
    const o = parsed as Record<string, unknown>;
    if ('candle' in o) {
      return [
        {
          kind: 'event',
          event: fromJsonEvent(o.candle),
          amended: o.amended === true,
          revision: typeof o.revision === 'number' ? o.revision : 0,
        },
      ];
    }
    if (typeof o.kind === 'string' && UNSERVED_KINDS.has(o.kind)) return [];
    if ('type' in o) return [{ kind: 'event', event: fromJsonEvent(o) }];
    if (topic.endsWith('.bbo') && typeof o.symbol === 'string' && 'crossed' in o) {
      return [{ kind: 'nbbo', nbbo: o as unknown as JsonConsolidatedBbo }];
    }
    throw new Error('unrecognized JSON record');
  }
}
