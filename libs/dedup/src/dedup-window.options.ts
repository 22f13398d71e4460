import { DedupConfigError } from './errors/dedup-config.error';

/** Bounds of a {@link DedupWindow}; every field is optional (defaults below). */
export interface DedupWindowOptions {
  /** How long (arrival time, ms) an id is remembered. Default 60 000. */
  readonly windowMs?: number;
  /**
   * Hard bound on ids held overall (ring slots). Default 40 000 000: 60 s × 600 000 distinct
   * events/s (DESIGN.md's target rate) = 36M ids, plus 10% headroom so a full window expires
   * rather than evicts. ~32 bytes per id (typed arrays, outside the JS heap) ≈ 1.3 GB at the full
   * bound; the ring grows by doubling, so memory follows the actual load.
   */
  readonly maxIds?: number;
  /** Hard bound on ids held per `exchange:symbol`. Default 4 194 304 (~70k events/s for 60 s). */
  readonly maxIdsPerKey?: number;
  /** Hard bound on keys held. Default 1 000 000. */
  readonly maxKeys?: number;
  /** Ring slots allocated up front (avoids doubling pauses at high rates). Default 4096. */
  readonly initialCapacity?: number;
}

export type ResolvedWindowOptions = Required<DedupWindowOptions>;

export const DEDUP_WINDOW_DEFAULTS: ResolvedWindowOptions = {
  windowMs: 60_000,
  maxIds: 40_000_000,
  maxIdsPerKey: 4_194_304,
  maxKeys: 1_000_000,
  initialCapacity: 4096,
};

/** Typed arrays of one ring cannot exceed this many slots comfortably (2^30: 8 GiB of Float64). */
const MAX_SLOTS = 2 ** 30;

export function resolveWindowOptions(options: DedupWindowOptions): ResolvedWindowOptions {
  const o = { ...DEDUP_WINDOW_DEFAULTS, ...stripUndefined(options) };
  if (!(o.windowMs > 0) || !Number.isFinite(o.windowMs)) {
    throw new DedupConfigError(`windowMs must be a positive finite number, got ${o.windowMs}`);
  }
  for (const name of ['maxIds', 'maxIdsPerKey', 'maxKeys', 'initialCapacity'] as const) {
    const v = o[name];
    if (!Number.isSafeInteger(v) || v < 1 || v > MAX_SLOTS) {
      throw new DedupConfigError(`${name} must be an integer in [1, ${MAX_SLOTS}], got ${v}`);
    }
  }
  return { ...o, initialCapacity: Math.min(o.maxIds, Math.max(16, o.initialCapacity)) };
}

function stripUndefined(options: DedupWindowOptions): DedupWindowOptions {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(options)) if (v !== undefined) out[k] = v;
  return out as DedupWindowOptions;
}
