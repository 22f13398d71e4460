/**
 * Bounds every frame respects, checked on encode (typed CodecError) and on decode (so a
 * hostile or corrupt record can never make a consumer allocate more than the record justifies).
 */
export interface FrameLimits {
  /** Largest encoded frame; Kafka's default max.message.bytes is ~1 MiB, brokers here allow more. */
  readonly maxFrameBytes: number;
  readonly maxEventsPerFrame: number;
  /** Largest UTF-8 byte length of any single string (ids, symbols, reasons, details). */
  readonly maxStringBytes: number;
  /** Most price levels in one side (bids or asks) of one book event. */
  readonly maxLevelsPerSide: number;
  /** Most gap ranges in one status event. */
  readonly maxGapsPerStatus: number;
  /** Longest mantissa magnitude in bytes (128 bytes ≈ 308 decimal digits). */
  readonly maxMantissaBytes: number;
}

export const FRAME_LIMITS: FrameLimits = Object.freeze({
  maxFrameBytes: 8 * 1024 * 1024,
  maxEventsPerFrame: 100_000,
  maxStringBytes: 64 * 1024,
  maxLevelsPerSide: 20_000,
  maxGapsPerStatus: 10_000,
  maxMantissaBytes: 128,
});

/** Caller overrides may only tighten the built-in limits, never loosen them. */
export function resolveFrameLimits(overrides?: Partial<FrameLimits>): FrameLimits {
  if (!overrides) return FRAME_LIMITS;
  const out: Record<string, number> = { ...FRAME_LIMITS };
  for (const key of Object.keys(FRAME_LIMITS) as (keyof FrameLimits)[]) {
    const v = overrides[key];
    if (v !== undefined && Number.isSafeInteger(v) && v >= 0 && v < out[key]) out[key] = v;
  }
  return Object.freeze(out) as unknown as FrameLimits;
}
