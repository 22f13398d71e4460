import type { AlertEvent, JsonUnifiedEvent } from '@feedgate/core';
import type { JsonConsolidatedBbo } from '../nbbo/consolidated-bbo.model';
import type { JsonConsolidatedDepth } from '../nbbo/consolidated-depth.model';
import type { JsonVwapResult } from '../vwap/vwap-result';

/** Output topics (DESIGN.md "Kafka layout"). */
export const AGG_TOPICS = {
  unified: 'md.unified',
  candles: 'md.agg.candles',
  bbo: 'md.agg.bbo',
  alerts: 'md.alerts',
} as const;

/**
 * md.agg.candles / md.agg.bbo values are UTF-8 JSON objects tagged by `kind` (pipeline/README.md).
 * Candles are JSON, not codec frames, because the amendment (`amended`, `revision`) must travel
 * with the candle and neither CandleEvent nor the frame header has a field for it.
 */
export interface AggCandleMessage {
  readonly kind: 'candle';
  /** The candle in the unified JSON form (type 'candle'). */
  readonly candle: Extract<JsonUnifiedEvent, { type: 'candle' }>;
  /** True when this window was published before and a late trade changed it. */
  readonly amended: boolean;
  /** 0 for the first publication, then 1, 2, … — the highest revision of a window wins. */
  readonly revision: number;
}

export type AggVwapMessage = { readonly kind: 'vwap' } & JsonVwapResult;
export type AggNbboMessage = { readonly kind: 'nbbo' } & JsonConsolidatedBbo;
export type AggDepthMessage = { readonly kind: 'depth' } & JsonConsolidatedDepth;

/** On md.agg.candles. */
export type AggCandlesTopicMessage = AggCandleMessage | AggVwapMessage;
/** On md.agg.bbo. */
export type AggBboTopicMessage = AggNbboMessage | AggDepthMessage;
export type AggJsonMessage = AggCandlesTopicMessage | AggBboTopicMessage;
export type AggMessageKind = AggJsonMessage['kind'];

/** One thing to publish, before encoding: JSON messages keyed by symbol, alerts by exchange:symbol. */
export type AggOutput =
  | {
      readonly topic: typeof AGG_TOPICS.candles;
      readonly key: string;
      readonly message: AggCandlesTopicMessage;
    }
  | {
      readonly topic: typeof AGG_TOPICS.bbo;
      readonly key: string;
      readonly message: AggBboTopicMessage;
    }
  | { readonly topic: typeof AGG_TOPICS.alerts; readonly key: string; readonly alert: AlertEvent };
