import type { SymbolTruth } from '../chaos/emulator-control.client';
import type { IdSet } from './id.set';

export interface LossCount {
  /** Trade ids the emulator wrote to at least one gate socket. */
  readonly expected: number;
  /** Of those, how many reached md.unified. */
  readonly delivered: number;
  readonly lost: number;
  /** Lost trades per `exchange:symbol` (only those that lost any), with the first lost id. */
  readonly lostBy: Readonly<Record<string, { readonly lost: number; readonly firstId: number }>>;
}

/** Trades in the emulator's ground truth that never reached md.unified. */
export function lossCount(
  truth: readonly SymbolTruth[],
  seen: ReadonlyMap<string, IdSet>,
): LossCount {
  let expected = 0;
  let delivered = 0;
  const lostBy: Record<string, { lost: number; firstId: number }> = {};
  for (const t of truth) {
    const key = `${t.exchange}:${t.symbol}`;
    const got = seen.get(key);
    for (const r of t.tradesSent) {
      for (let id = r.from; id <= r.to; id++) {
        expected++;
        if (got?.has(id)) delivered++;
        else (lostBy[key] ??= { lost: 0, firstId: id }).lost++;
      }
    }
  }
  return { expected, delivered, lost: expected - delivered, lostBy };
}
