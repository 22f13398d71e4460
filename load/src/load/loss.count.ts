import type { SymbolTruth } from '../chaos/emulator-control.client';
import type { IdSet } from './id.set';

export interface LossCount {
  /** Trade ids the emulator wrote to at least one gate socket. */
  readonly expected: number;
  /** Of those, how many reached md.unified. */
  readonly delivered: number;
  readonly lost: number;
  /** Lost trades per `exchange:symbol` (only those that lost any). */
  readonly lostBy: Readonly<Record<string, LostTrades>>;
}

/**
 * Where one symbol's lost trades sit among the ids it sent: a loss at the very end of what was
 * sent (lastId = lastSent) points at the step's end (drain), one in the middle at the pipeline.
 */
export interface LostTrades {
  readonly lost: number;
  readonly firstId: number;
  readonly lastId: number;
  /** The highest trade id the emulator sent for the symbol. */
  readonly lastSent: number;
}

/** Trades in the emulator's ground truth that never reached md.unified. */
export function lossCount(
  truth: readonly SymbolTruth[],
  seen: ReadonlyMap<string, IdSet>,
): LossCount {
  let expected = 0;
  let delivered = 0;
  const lostBy: Record<
    string,
    { lost: number; firstId: number; lastId: number; lastSent: number }
  > = {};
  for (const t of truth) {
    const key = `${t.exchange}:${t.symbol}`;
    const got = seen.get(key);
    const lastSent = t.tradesSent.reduce((m, r) => Math.max(m, r.to), -1);
    for (const r of t.tradesSent) {
      for (let id = r.from; id <= r.to; id++) {
        expected++;
        if (got?.has(id)) {
          delivered++;
          continue;
        }
        const where = (lostBy[key] ??= { lost: 0, firstId: id, lastId: id, lastSent });
        where.lost++;
        where.lastId = id;
      }
    }
  }
  return { expected, delivered, lost: expected - delivered, lostBy };
}
