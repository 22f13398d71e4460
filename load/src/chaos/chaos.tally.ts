import type { UnifiedEvent } from '@feedgate/core';
import { unifiedSymbol } from './chaos.options';
import type { IntRange, SymbolTruth } from './emulator-control.client';

export interface ChaosResult {
  readonly expected: number;
  readonly delivered: number;
  readonly lost: number;
  readonly duplicates: number;
  readonly gapEvents: number;
  readonly durationSec: number;
}

export interface ChaosDetail {
  /** Trade ids in md.unified the emulator never sent (should be 0). */
  readonly unexpected: number;
  readonly tradeDuplicates: number;
  readonly bookDuplicates: number;
  /** Lost trade ids per `exchange:symbol`, as ranges (first few). */
  readonly lostByKey: Record<string, IntRange[]>;
  readonly gaps: { key: string; from: string; to: string }[];
}

/**
 * Compares md.unified with the emulator's ground truth.
 * expected  = trade ids the emulator wrote to at least one gate socket (its `tradesSent`; a
 *             trade sent while no replica was connected, or only to stalled sockets, is not
 *             in it: nobody could have received it);
 * delivered = distinct expected trade ids found in md.unified;
 * lost      = expected − delivered;
 * duplicates = events that appear more than once by the dedup identity: trades by
 *             exchange+symbol+id, book deltas by exchange+symbol+seq;
 * gapEvents = `status` events with state `gap` in md.unified.
 */
export function tally(
  truth: readonly SymbolTruth[],
  events: readonly UnifiedEvent[],
  durationSec: number,
): { result: ChaosResult; detail: ChaosDetail } {
  const trades = new Map<string, Set<string>>();
  const books = new Map<string, Set<string>>();
  let tradeDuplicates = 0;
  let bookDuplicates = 0;
  const gaps: ChaosDetail['gaps'] = [];
  let gapEvents = 0;
  for (const e of events) {
    const key = `${e.exchange}:${e.symbol}`;
    if (e.type === 'trade') {
      if (!add(trades, key, e.id)) tradeDuplicates++;
    } else if (e.type === 'book' && !e.snapshot && e.seq !== null) {
      if (!add(books, key, e.seq)) bookDuplicates++;
    } else if (e.type === 'status' && e.state === 'gap') {
      gapEvents++;
      for (const g of e.gaps) gaps.push({ key, from: g.from, to: g.to });
      if (e.gaps.length === 0) gaps.push({ key, from: '?', to: '?' });
    }
  }
  let expected = 0;
  let delivered = 0;
  let unexpected = 0;
  const lostByKey: Record<string, IntRange[]> = {};
  for (const t of truth) {
    const key = `${t.exchange}:${unifiedSymbol(t.exchange, t.symbol)}`;
    const got = trades.get(key) ?? new Set<string>();
    let matched = 0;
    const lost: IntRange[] = [];
    for (const r of t.tradesSent) {
      for (let id = r.from; id <= r.to; id++) {
        expected++;
        if (got.has(String(id))) {
          matched++;
        } else {
          const last = lost[lost.length - 1];
          if (last && last.to === id - 1) lost[lost.length - 1] = { from: last.from, to: id };
          else lost.push({ from: id, to: id });
        }
      }
    }
    delivered += matched;
    unexpected += got.size - matched;
    if (lost.length) lostByKey[key] = lost.slice(0, 10);
  }
  // Trades under a key the ground truth does not know at all are unexpected too.
  const known = new Set(truth.map((t) => `${t.exchange}:${unifiedSymbol(t.exchange, t.symbol)}`));
  for (const [key, ids] of trades) if (!known.has(key)) unexpected += ids.size;
  const result: ChaosResult = {
    expected,
    delivered,
    lost: expected - delivered,
    duplicates: tradeDuplicates + bookDuplicates,
    gapEvents,
    durationSec,
  };
  return { result, detail: { unexpected, tradeDuplicates, bookDuplicates, lostByKey, gaps } };
}

function add(map: Map<string, Set<string>>, key: string, id: string): boolean {
  let s = map.get(key);
  if (!s) map.set(key, (s = new Set()));
  if (s.has(id)) return false;
  s.add(id);
  return true;
}
