import {
  AGGREGATION_MODES,
  AggregationPipeline,
  AggregatorConfigError,
  type AggregationMode,
  type AggregationPipelineOptions,
} from '@feedgate/aggregator';
import { BusConfig } from '@feedgate/bus';
import { CANDLE_INTERVALS, type CandleInterval } from '@feedgate/core';
import { ConfigError } from './config.error';

type Env = Readonly<Record<string, string | undefined>>;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * The aggregator service's configuration, parsed and validated once at start-up (nothing else
 * reads process.env). Unset variables keep the library defaults; a bad value is a ConfigError.
 */
export class AggregatorConfig {
  private constructor(
    readonly port: number,
    readonly host: string,
    readonly bus: BusConfig,
    readonly logLevel: LogLevel,
    readonly mode: AggregationMode,
    /** feedgate-aggregator (all, per-venue) or feedgate-aggregator-xv (cross-venue). */
    readonly groupId: string,
    readonly fromBeginning: boolean,
    readonly tickIntervalMs: number,
    readonly maxPendingRecords: number,
    readonly stopTimeoutMs: number,
    readonly pipeline: AggregationPipelineOptions,
  ) {}

  static fromEnv(env: Env): AggregatorConfig {
    const r = new EnvReader(env);
    const mode = r.oneOf('AGG_MODE', AGGREGATION_MODES, 'all');
    const lateness = r.int('AGG_CANDLE_LATENESS_MS', 0, 3_600_000);
    const intervals = r.list('AGG_CANDLE_INTERVALS', CANDLE_INTERVALS);
    const pipeline: AggregationPipelineOptions = {
      mode,
      candles: {
        intervals,
        allowedLatenessMs:
          lateness === undefined
            ? undefined
            : (Object.fromEntries(CANDLE_INTERVALS.map((i) => [i, lateness])) as Record<
                CandleInterval,
                number
              >),
        publishDelayMs: r.int('AGG_CANDLE_PUBLISH_DELAY_MS', 0, 3_600_000),
      },
      vwap: { windowsMs: r.ints('AGG_VWAP_WINDOWS_MS', 1, 86_400_000) },
      consolidation: { staleAfterMs: r.int('AGG_NBBO_STALE_MS', 1, 3_600_000) },
      depthLevels: r.int('AGG_DEPTH_LEVELS', 1, 1000),
      alerts: {
        cooldownMs: r.int('AGG_ALERT_COOLDOWN_MS', 0, 86_400_000),
        priceDeviation: {
          thresholdBps: r.int('AGG_PRICE_DEVIATION_BPS', 1, 10_000),
          criticalBps: r.int('AGG_PRICE_DEVIATION_CRITICAL_BPS', 1, 10_000),
        },
        staleFeed: { silentMs: r.int('AGG_STALE_FEED_MS', 1, 86_400_000) },
        volumeSpike: { multiplier: r.int('AGG_VOLUME_SPIKE_MULTIPLIER', 2, 1_000_000) },
        washTrade: {
          windowMs: r.int('AGG_WASH_TRADE_WINDOW_MS', 1, 3_600_000),
          minRepeats: r.int('AGG_WASH_TRADE_MIN_REPEATS', 2, 1_000_000),
        },
      },
    };
    try {
      new AggregationPipeline(stripUndefined(pipeline)); // the library validates cross-field rules
    } catch (error) {
      if (error instanceof AggregatorConfigError) throw new ConfigError('AGG_*', error.message);
      throw error;
    }
    const defaultGroup = mode === 'cross-venue' ? 'feedgate-aggregator-xv' : 'feedgate-aggregator';
    return new AggregatorConfig(
      r.int('PORT', 0, 65535) ?? 3002,
      env.HOST?.trim() || '127.0.0.1',
      BusConfig.fromEnv(env as NodeJS.ProcessEnv),
      r.oneOf('LOG_LEVEL', LOG_LEVELS, 'info'),
      mode,
      env.AGG_GROUP_ID?.trim() || defaultGroup,
      r.oneOf('AGG_FROM_BEGINNING', ['true', 'false'] as const, 'false') === 'true',
      r.int('AGG_TICK_MS', 10, 60_000) ?? 250,
      r.int('AGG_MAX_PENDING_RECORDS', 1, 10_000_000) ?? 10_000,
      r.int('AGG_STOP_TIMEOUT_MS', 0, 600_000) ?? 5_000,
      stripUndefined(pipeline),
    );
  }
}

/** Reads and validates single variables; every failure names the variable. */
class EnvReader {
  constructor(private readonly env: Env) {}

  int(name: string, min: number, max: number): number | undefined {
    const raw = this.env[name]?.trim();
    if (!raw) return undefined;
    const v = Number(raw);
    if (!/^\d+$/.test(raw) || v < min || v > max) {
      throw new ConfigError(
        name,
        `expected an integer in [${min}, ${max}], got ${JSON.stringify(raw)}`,
      );
    }
    return v;
  }

  ints(name: string, min: number, max: number): number[] | undefined {
    const raw = this.env[name]?.trim();
    if (!raw) return undefined;
    return raw.split(',').map((part, i) => {
      const v = new EnvReader({ [name]: part }).int(name, min, max);
      if (v === undefined) throw new ConfigError(name, `empty item ${i}`);
      return v;
    });
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const raw = this.env[name]?.trim();
    if (!raw) return fallback;
    if ((allowed as readonly string[]).includes(raw)) return raw as T;
    throw new ConfigError(
      name,
      `expected one of ${allowed.join(', ')}, got ${JSON.stringify(raw)}`,
    );
  }

  list<T extends string>(name: string, allowed: readonly T[]): T[] | undefined {
    const raw = this.env[name]?.trim();
    if (!raw) return undefined;
    return raw.split(',').map((p, i) => {
      if (!p.trim()) throw new ConfigError(name, `empty item ${i}`);
      return new EnvReader({ [name]: p }).oneOf(name, allowed, allowed[0]);
    });
  }
}

/** Drops undefined fields (deeply) so the library defaults apply to unset variables. */
function stripUndefined<T>(o: T): T {
  if (o === null || typeof o !== 'object' || Array.isArray(o)) return o;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = stripUndefined(v);
  return out as T;
}
