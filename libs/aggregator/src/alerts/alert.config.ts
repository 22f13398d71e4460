import { AggregatorConfigError } from '../errors/aggregator-config.error';

/** Thresholds of the anomaly detectors. Every field has a default (ALERT_DEFAULTS). */
export interface AlertConfig {
  /** Minimum gap between two alerts of one kind for one exchange+symbol (no alert storms). */
  readonly cooldownMs: number;
  /** Bound on exchange+symbol keys each detector tracks; new keys beyond are not tracked. */
  readonly maxKeys: number;
  readonly priceDeviation: {
    readonly enabled: boolean;
    /** Alert when a trade price or quote mid is further than this from the others' median. */
    readonly thresholdBps: number;
    /** At or beyond this the alert is critical (else warning). */
    readonly criticalBps: number;
    /** Other venues needed for a meaningful median (the venue itself is excluded). */
    readonly minOtherVenues: number;
    /** A venue's reference price (last trade or quote mid) older than this is not used. */
    readonly referenceMaxAgeMs: number;
  };
  readonly book: { readonly enabled: boolean; readonly lockedEnabled: boolean };
  readonly staleFeed: {
    readonly enabled: boolean;
    /** A venue silent this long while another venue still updates the symbol is stale. */
    readonly silentMs: number;
    /** A venue silent this long is forgotten (delisted symbol, removed exchange). */
    readonly forgetAfterMs: number;
  };
  readonly volumeSpike: {
    readonly enabled: boolean;
    /** Volume is summed per bucket of exchange time; the current bucket is the "window". */
    readonly bucketMs: number;
    /** Trailing buckets averaged (empty buckets count as 0). */
    readonly trailingBuckets: number;
    /** No alert until this many trailing buckets exist (start-up is not a spike). */
    readonly minHistoryBuckets: number;
    /** Alert when the current bucket's volume exceeds multiplier × trailing average. */
    readonly multiplier: number;
  };
  readonly washTrade: {
    readonly enabled: boolean;
    readonly windowMs: number;
    /** Same price AND same amount on one exchange this many times within windowMs. */
    readonly minRepeats: number;
    /** Trades remembered per exchange+symbol (bound). */
    readonly maxTracked: number;
    /**
     * Trades with price × amount below this (quote currency) are not counted. A busy market
     * repeats its smallest sizes at the touch all the time (orders chipped down to a few lots),
     * which matches "same price, same amount" without being wash trading; dust cannot paint
     * volume anyway. Default 100, sized for USD/USDT/USDC quotes (the emulator's normal market
     * repeats small sizes 5+ times in 5 s in most minutes; above 100 it never exceeded 3);
     * 0 counts every trade. Set it for the quote currencies a deployment serves.
     */
    readonly minNotional: number;
  };
}

type DeepPartial<T> = { readonly [K in keyof T]?: T[K] extends object ? DeepPartial<T[K]> : T[K] };
export type AlertOptions = DeepPartial<AlertConfig>;

export const ALERT_DEFAULTS: AlertConfig = {
  cooldownMs: 30_000,
  maxKeys: 1_000_000,
  priceDeviation: {
    enabled: true,
    thresholdBps: 100,
    criticalBps: 500,
    minOtherVenues: 2,
    referenceMaxAgeMs: 10_000,
  },
  book: { enabled: true, lockedEnabled: true },
  staleFeed: { enabled: true, silentMs: 30_000, forgetAfterMs: 3_600_000 },
  volumeSpike: {
    enabled: true,
    bucketMs: 60_000,
    trailingBuckets: 30,
    minHistoryBuckets: 10,
    multiplier: 10,
  },
  washTrade: {
    enabled: true,
    windowMs: 5_000,
    minRepeats: 5,
    maxTracked: 10_000,
    minNotional: 100,
  },
};

/** Merges options over the defaults and validates once; throws AggregatorConfigError. */
export function resolveAlertConfig(o: AlertOptions = {}): AlertConfig {
  const d = ALERT_DEFAULTS;
  const c: AlertConfig = {
    cooldownMs: o.cooldownMs ?? d.cooldownMs,
    maxKeys: o.maxKeys ?? d.maxKeys,
    priceDeviation: { ...d.priceDeviation, ...o.priceDeviation },
    book: { ...d.book, ...o.book },
    staleFeed: { ...d.staleFeed, ...o.staleFeed },
    volumeSpike: { ...d.volumeSpike, ...o.volumeSpike },
    washTrade: { ...d.washTrade, ...o.washTrade },
  };
  check('cooldownMs', c.cooldownMs, 0);
  int('maxKeys', c.maxKeys, 1);
  check('priceDeviation.thresholdBps', c.priceDeviation.thresholdBps, 0, true);
  check('priceDeviation.criticalBps', c.priceDeviation.criticalBps, c.priceDeviation.thresholdBps);
  int('priceDeviation.minOtherVenues', c.priceDeviation.minOtherVenues, 1);
  check('priceDeviation.referenceMaxAgeMs', c.priceDeviation.referenceMaxAgeMs, 0, true);
  check('staleFeed.silentMs', c.staleFeed.silentMs, 0, true);
  check('staleFeed.forgetAfterMs', c.staleFeed.forgetAfterMs, c.staleFeed.silentMs, true);
  check('volumeSpike.bucketMs', c.volumeSpike.bucketMs, 0, true);
  int('volumeSpike.trailingBuckets', c.volumeSpike.trailingBuckets, 1);
  int('volumeSpike.minHistoryBuckets', c.volumeSpike.minHistoryBuckets, 1);
  if (c.volumeSpike.minHistoryBuckets > c.volumeSpike.trailingBuckets) {
    throw new AggregatorConfigError('alerts: volumeSpike.minHistoryBuckets > trailingBuckets');
  }
  check('volumeSpike.multiplier', c.volumeSpike.multiplier, 1, true);
  check('washTrade.windowMs', c.washTrade.windowMs, 0, true);
  int('washTrade.minRepeats', c.washTrade.minRepeats, 2);
  int('washTrade.maxTracked', c.washTrade.maxTracked, 1);
  check('washTrade.minNotional', c.washTrade.minNotional, 0);
  return c;
}

function check(name: string, v: number, min: number, strict = false): void {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || (strict && v === min)) {
    throw new AggregatorConfigError(
      `alerts: ${name} must be ${strict ? '>' : '≥'} ${min}, got ${v}`,
    );
  }
}

function int(name: string, v: number, min: number): void {
  if (!Number.isSafeInteger(v) || v < min) {
    throw new AggregatorConfigError(`alerts: ${name} must be an integer ≥ ${min}, got ${v}`);
  }
}
