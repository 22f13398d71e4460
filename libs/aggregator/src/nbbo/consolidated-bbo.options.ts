import { AggregatorConfigError } from '../errors/aggregator-config.error';

/** Options of {@link ConsolidatedBboCalculator} and {@link ConsolidatedDepth}. */
export interface ConsolidationOptions {
  /** A venue not updated for longer than this (injected clock) drops out. Default 5 000 ms. */
  readonly staleAfterMs?: number;
  /** Hard bound on symbols held. Default 1 000 000. */
  readonly maxSymbols?: number;
  /** Depth only: levels kept per book side (worst evicted beyond). Default 5 000. */
  readonly maxLevelsPerSide?: number;
}

export type ResolvedConsolidationOptions = Required<ConsolidationOptions>;

export function resolveConsolidationOptions(
  o: ConsolidationOptions = {},
): ResolvedConsolidationOptions {
  const r: ResolvedConsolidationOptions = {
    staleAfterMs: o.staleAfterMs ?? 5_000,
    maxSymbols: o.maxSymbols ?? 1_000_000,
    maxLevelsPerSide: o.maxLevelsPerSide ?? 5_000,
  };
  if (!Number.isFinite(r.staleAfterMs) || r.staleAfterMs <= 0) {
    throw new AggregatorConfigError(
      `consolidation: staleAfterMs must be > 0, got ${r.staleAfterMs}`,
    );
  }
  for (const k of ['maxSymbols', 'maxLevelsPerSide'] as const) {
    if (!Number.isSafeInteger(r[k]) || r[k] < 1) {
      throw new AggregatorConfigError(`consolidation: ${k} must be a positive integer`);
    }
  }
  return r;
}
