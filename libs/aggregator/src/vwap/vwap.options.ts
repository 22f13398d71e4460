import { AggregatorConfigError } from '../errors/aggregator-config.error';

/** Options of {@link VwapCalculator}. */
export interface VwapOptions {
  /** Sliding windows, ms of exchange event time. Default [60 000, 300 000] (1 m, 5 m). */
  readonly windowsMs?: readonly number[];
  /**
   * Fractional digits of the VWAP (Decimal.div, half-even). Default `'price+4'`: the largest
   * price scale in the window plus 4 digits (a BTC-USDT VWAP of 2-digit prices has 6 digits), so
   * the result reads like a price with sub-tick precision. A number fixes the scale instead.
   */
  readonly scale?: 'price+4' | number;
  /** Also compute a VWAP per exchange+symbol (true) besides the cross-exchange one. Default true. */
  readonly perExchange?: boolean;
  /** Hard bound on trades held per series; beyond it the oldest is evicted early. Default 200 000. */
  readonly maxTradesPerSeries?: number;
  /** Hard bound on series held; new ones beyond are refused. Default 1 000 000. */
  readonly maxSeries?: number;
}

export type ResolvedVwapOptions = Required<VwapOptions>;

export const VWAP_DEFAULTS: ResolvedVwapOptions = {
  windowsMs: [60_000, 300_000],
  scale: 'price+4',
  perExchange: true,
  maxTradesPerSeries: 200_000,
  maxSeries: 1_000_000,
};

export function resolveVwapOptions(o: VwapOptions = {}): ResolvedVwapOptions {
  const r: ResolvedVwapOptions = {
    windowsMs: o.windowsMs ?? VWAP_DEFAULTS.windowsMs,
    scale: o.scale ?? VWAP_DEFAULTS.scale,
    perExchange: o.perExchange ?? VWAP_DEFAULTS.perExchange,
    maxTradesPerSeries: o.maxTradesPerSeries ?? VWAP_DEFAULTS.maxTradesPerSeries,
    maxSeries: o.maxSeries ?? VWAP_DEFAULTS.maxSeries,
  };
  if (r.windowsMs.length === 0) throw new AggregatorConfigError('vwap: windowsMs is empty');
  for (const w of r.windowsMs) {
    if (!Number.isSafeInteger(w) || w <= 0) {
      throw new AggregatorConfigError(`vwap: window must be a positive integer ms, got ${w}`);
    }
  }
  if (r.scale !== 'price+4' && (!Number.isSafeInteger(r.scale) || r.scale < 0 || r.scale > 100)) {
    throw new AggregatorConfigError(`vwap: scale must be 'price+4' or an integer in [0, 100]`);
  }
  for (const k of ['maxTradesPerSeries', 'maxSeries'] as const) {
    if (!Number.isSafeInteger(r[k]) || r[k] < 1) {
      throw new AggregatorConfigError(`vwap: ${k} must be a positive integer`);
    }
  }
  return { ...r, windowsMs: [...new Set(r.windowsMs)] };
}
