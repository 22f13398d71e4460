import type { SymbolTruth } from '../chaos/emulator-control.client';
import type { IdSet } from './id.set';

export interface LossCount {
  /** Trade ids the emulator wrote to at least one gate socket. */
  readonly expected: number;
  /** Of those, how many reached md.unified. */
  readonly delivered: number;
  readonly lost: number;
}

/** Trades in the emulator's ground truth that never reached md.unified. */
export function lossCount(
  truth: readonly SymbolTruth[],
  seen: ReadonlyMap<string, IdSet>,
): LossCount {
  let expected = 0;
  let delivered = 0;
  for (const t of truth) {
    const got = seen.get(`${t.exchange}:${t.symbol}`);
    for (const r of t.tradesSent) {
      for (let id = r.from; id <= r.to; id++) {
        expected++;
        if (got?.has(id)) delivered++;
      }
    }
  }
  return { expected, delivered, lost: expected - delivered };
}
