import type { AlertOptions } from '../alerts/alert.config';
import type { CandleOptions } from '../candles/candle.options';
import type { ConsolidationOptions } from '../nbbo/consolidated-bbo.options';
import type { VwapOptions } from '../vwap/vwap.options';
import { AggregatorConfigError } from '../errors/aggregator-config.error';

/**
 * What an instance computes. md.unified is keyed `exchange:symbol`, so one symbol's venues are
 * spread over partitions and, with several instances in a group, over instances:
 * - `per-venue`: outputs that need one venue only (candles, per-exchange VWAP, wash-trade,
 *   volume-spike, crossed/locked book). Scales out: any number of instances in one group.
 * - `cross-venue`: outputs that need every venue of a symbol (consolidated BBO and depth,
 *   cross-exchange VWAP, price-deviation and stale-feed alerts). Must see ALL partitions, so it
 *   runs as ONE instance in its own group.
 * - `all`: both, for a single instance (npm start, small deployments).
 */
export type AggregationMode = 'all' | 'per-venue' | 'cross-venue';

export const AGGREGATION_MODES: readonly AggregationMode[] = ['all', 'per-venue', 'cross-venue'];

export interface AggregationPipelineOptions {
  /** Default `all`. */
  readonly mode?: AggregationMode;
  readonly candles?: CandleOptions;
  readonly vwap?: VwapOptions;
  /** Consolidated BBO and depth (staleness, bounds). */
  readonly consolidation?: ConsolidationOptions;
  /** Levels per side of the consolidated depth. Default 10. */
  readonly depthLevels?: number;
  readonly alerts?: AlertOptions;
}

export interface ResolvedPipelineOptions extends AggregationPipelineOptions {
  readonly mode: AggregationMode;
  readonly depthLevels: number;
  readonly perVenue: boolean;
  readonly crossVenue: boolean;
}

export function resolvePipelineOptions(
  o: AggregationPipelineOptions = {},
): ResolvedPipelineOptions {
  const mode = o.mode ?? 'all';
  if (!AGGREGATION_MODES.includes(mode)) {
    throw new AggregatorConfigError(`pipeline: mode must be one of ${AGGREGATION_MODES.join('|')}`);
  }
  const depthLevels = o.depthLevels ?? 10;
  if (!Number.isSafeInteger(depthLevels) || depthLevels < 1 || depthLevels > 1000) {
    throw new AggregatorConfigError(`pipeline: depthLevels must be an integer in [1, 1000]`);
  }
  return {
    ...o,
    mode,
    depthLevels,
    perVenue: mode !== 'cross-venue',
    crossVenue: mode !== 'per-venue',
  };
}

/**
 * The alert options restricted to the detectors the mode owns (a user's `enabled: false` still
 * wins), so that running per-venue and cross-venue instances side by side never alerts twice.
 */
export function alertOptionsFor(o: ResolvedPipelineOptions): AlertOptions {
  const a = o.alerts ?? {};
  const on = (userEnabled: boolean | undefined, owned: boolean) => (userEnabled ?? true) && owned;
  return {
    ...a,
    priceDeviation: { ...a.priceDeviation, enabled: on(a.priceDeviation?.enabled, o.crossVenue) },
    staleFeed: { ...a.staleFeed, enabled: on(a.staleFeed?.enabled, o.crossVenue) },
    book: { ...a.book, enabled: on(a.book?.enabled, o.perVenue) },
    volumeSpike: { ...a.volumeSpike, enabled: on(a.volumeSpike?.enabled, o.perVenue) },
    washTrade: { ...a.washTrade, enabled: on(a.washTrade?.enabled, o.perVenue) },
  };
}
