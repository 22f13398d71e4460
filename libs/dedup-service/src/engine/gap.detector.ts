import type { Replica } from '@feedgate/codec';
import type { BookEvent, StatusEvent, UnifiedEvent } from '@feedgate/core';
import { overlaps, parseSeq, subtract, type SeqRange } from './seq-range';

/** Missed ranges remembered per replica and key, and reported ranges per key (oldest dropped). */
const MISSED_PER_REPLICA = 32;
const REPORTED_PER_KEY = 64;

interface ReplicaTrack {
  last: bigint | undefined;
  missed: SeqRange[];
}

interface KeyGaps {
  readonly tracks: Record<Replica, ReplicaTrack>;
  reported: SeqRange[];
}

/** A range both replicas missed: what the deduplicated stream lacks. */
export interface BothDownGap {
  readonly range: SeqRange;
  /** The event (or replica status) that revealed it: names exchange/symbol and gives times. */
  readonly source: UnifiedEvent;
}

/**
 * Both-replicas-down detection on book sequences. Each replica's OWN copies (duplicates
 * included) are checked for continuity: a jump (delta whose prevSeq, or seq-1, is past the
 * last seq seen; a snapshot past it) or a replica's in-band `gap` status marks a range that
 * replica missed. The deduplicated stream holds the union of both replicas' copies, so it lacks
 * exactly the ranges BOTH missed: when a replica's missed range overlaps the other's, the
 * overlap (minus what was already reported) is a gap of the output. A range missed by one
 * replica only is covered by the other and reported nothing.
 *
 * Limits (stated): trades carry no sequence on most venues, so trade loss is not detected here;
 * a replica that never comes back cannot reveal its missed range (its next copy does).
 */
export class GapDetector {
  private readonly keys = new Map<string, KeyGaps>();

  constructor(private readonly maxKeys: number) {}

  /** A copy of a market event from `replica`; returns the output gaps it revealed. */
  onEvent(key: string, event: UnifiedEvent, replica: Replica): BothDownGap[] {
    if (event.type !== 'book') return [];
    const seq = parseSeq(event.seq);
    if (seq === undefined) return [];
    const k = this.key(key);
    const t = k.tracks[replica];
    if (t.last === undefined) {
      t.last = seq;
      return [];
    }
    const missedTo = missedUpTo(event, seq);
    const found: BothDownGap[] = [];
    if (missedTo !== undefined && missedTo > t.last) {
      found.push(...this.missed(k, replica, { from: t.last + 1n, to: missedTo }, event));
    }
    if (seq > t.last) t.last = seq;
    return found;
  }

  /** A replica's own `gap` status (connector or uploader) naming sequence ranges. */
  onStatus(key: string, status: StatusEvent, replica: Replica): BothDownGap[] {
    if (status.state !== 'gap') return [];
    const found: BothDownGap[] = [];
    for (const g of status.gaps) {
      const from = parseSeq(g.from);
      const to = parseSeq(g.to);
      if (from === undefined || to === undefined || from > to) continue;
      found.push(...this.missed(this.key(key), replica, { from, to }, status));
    }
    return found;
  }

  /** A gap already in the output (read back on rebuild): never report it again. */
  noteReported(key: string, range: SeqRange): void {
    const k = this.key(key);
    k.reported.push(range);
    if (k.reported.length > REPORTED_PER_KEY) k.reported.shift();
  }

  get keyCount(): number {
    return this.keys.size;
  }

  private missed(
    k: KeyGaps,
    replica: Replica,
    range: SeqRange,
    source: UnifiedEvent,
  ): BothDownGap[] {
    const mine = k.tracks[replica];
    mine.missed.push(range);
    if (mine.missed.length > MISSED_PER_REPLICA) mine.missed.shift();
    const other = k.tracks[replica === 'A' ? 'B' : 'A'];
    const found: BothDownGap[] = [];
    for (const both of overlaps(range, other.missed)) {
      for (const fresh of subtract(both, k.reported)) {
        k.reported.push(fresh);
        if (k.reported.length > REPORTED_PER_KEY) k.reported.shift();
        found.push({ range: fresh, source });
      }
    }
    return found;
  }

  private key(key: string): KeyGaps {
    let k = this.keys.get(key);
    if (!k) {
      if (this.keys.size >= this.maxKeys) this.keys.delete(this.keys.keys().next().value as string);
      k = {
        tracks: { A: { last: undefined, missed: [] }, B: { last: undefined, missed: [] } },
        reported: [],
      };
      this.keys.set(key, k);
    }
    return k;
  }
}

/** Last sequence this copy proves was skipped since the previous one, if it says. */
function missedUpTo(event: BookEvent, seq: bigint): bigint | undefined {
  if (event.snapshot) return seq; // a snapshot replaces every update up to and including seq
  const prev = parseSeq(event.prevSeq ?? undefined);
  return prev ?? seq - 1n;
}
