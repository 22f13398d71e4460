import type { ConsumedBatch, ConsumedRecord, TxnRecord } from '@feedgate/bus';
import { FrameDecoder, FrameEncoder } from '@feedgate/codec';
import type { StatusEvent, UnifiedEvent } from '@feedgate/core';
import { DedupWindow, type DedupWindowOptions } from '@feedgate/dedup';
import { DedupCounters } from './dedup.counters';
import type { BothDownGap } from './gap.detector';
import { PartitionState } from './partition.state';
import { parseSeq } from './seq-range';

export interface DedupEngineOptions {
  readonly instanceId: string;
  readonly outputTopic: string;
  readonly window: DedupWindowOptions;
  readonly maxKeys: number;
}

/**
 * The dedup transform, free of any bus: md.raw batches in, md.unified records out, one state
 * per input partition (keys never cross partitions). The window's clock is each event's
 * `localTs` (gate receive time), so a rebuild from md.unified replays the same clock.
 *
 * Output: per key, the first copies in arrival order, plus a `gap` status where both replicas
 * missed a range; a book snapshot that would reset consumers' books to an older state than the
 * deltas already delivered is withheld (BookSnapshotPolicy). Replicas' own status events are consumed here (they describe a connection,
 * not the market; they stay on md.status) and do not reach md.unified.
 */
export class DedupEngine {
  readonly counters = new DedupCounters();
  readonly origin: string;
  private readonly states = new Map<number, PartitionState>();
  private readonly decoder = new FrameDecoder();
  private readonly encoder = new FrameEncoder({ limits: { maxFrameBytes: 900_000 } });

  private windowOptions: DedupWindowOptions;
  private verdicts = new Uint8Array(256);

  constructor(private readonly options: DedupEngineOptions) {
    this.origin = `dedup-${options.instanceId}`;
    this.windowOptions = options.window;
  }

  /** Bounds for windows built from now on (the service splits the id bound by partition count). */
  setWindowOptions(window: DedupWindowOptions): void {
    this.windowOptions = window;
  }

  get partitions(): number[] {
    return [...this.states.keys()];
  }

  windowSize(): number {
    let n = 0;
    for (const s of this.states.values()) n += s.window.stats().windowSize;
    return n;
  }

  /** Replace partition `p`'s state by one rebuilt from committed output records (its tail). */
  reset(partition: number, tail: readonly ConsumedRecord[]): void {
    this.drop(partition);
    const state = new PartitionState(
      this.windowOptions,
      this.options.maxKeys,
      this.origin,
      this.encoder,
    );
    for (const record of tail) {
      let events: UnifiedEvent[];
      try {
        events = this.decoder.decode(record.value).events;
      } catch {
        continue;
      }
      for (const e of events) {
        if (e.type === 'status') {
          this.noteOwnGap(state, record.key, e);
          continue;
        }
        if (e.type === 'book') {
          state.books.onRebuilt(record.key, e.snapshot, e.localTs, parseSeq(e.seq));
        }
        try {
          state.window.accept(e, undefined, e.localTs);
          this.counters.rebuiltEvents++;
        } catch {
          // an event without identity cannot be a duplicate of anything
        }
      }
    }
    this.states.set(partition, state);
  }

  /** Forget partition `p` (revoked), keeping its replica-coverage counts. */
  drop(partition: number): void {
    const old = this.states.get(partition);
    if (!old) return;
    const s = old.window.stats();
    this.counters.onlyA += s.onlyFromA;
    this.counters.onlyB += s.onlyFromB;
    this.states.delete(partition);
  }

  /** Live replica-coverage counts: dropped windows plus the current ones. */
  onlyFrom(): { a: number; b: number } {
    let a = this.counters.onlyA;
    let b = this.counters.onlyB;
    for (const s of this.states.values()) {
      const st = s.window.stats();
      a += st.onlyFromA;
      b += st.onlyFromB;
    }
    return { a, b };
  }

  process(batch: ConsumedBatch): TxnRecord[] {
    let state = this.states.get(batch.partition);
    if (!state) {
      this.reset(batch.partition, []);
      state = this.states.get(batch.partition) as PartitionState;
    }
    const c = this.counters;
    const byKey = new Map<string, UnifiedEvent[]>();
    const emit = (key: string, e: UnifiedEvent): void => {
      let list = byKey.get(key);
      if (!list) byKey.set(key, (list = []));
      list.push(e);
    };
    const emitGaps = (key: string, gaps: BothDownGap[]): void => {
      for (const g of gaps) {
        emit(key, gapStatus(g));
        c.gapEvents++;
      }
    };
    for (const record of batch.records) {
      c.framesIn++;
      let frame;
      try {
        frame = this.decoder.decode(record.value);
      } catch {
        c.badFrames++; // never crash on bad input; the frame is committed past
        continue;
      }
      const { replica, epoch, frameSeq } = frame.header;
      const cont = state.frameContinuity(record.key, replica, epoch, frameSeq);
      if (cont > 0) c.rawFrameHoles++;
      else if (cont < 0) c.rawFrameRepeats++;
      // One batch call per frame: the window overlaps the table misses of its events.
      const events = frame.events;
      const data = events.some(isStatus) ? events.filter((e) => !isStatus(e)) : events;
      const verdicts = this.verdictsFor(data.length);
      state.window.acceptAll(data, replica, verdicts);
      let k = 0;
      for (const e of events) {
        c.eventsIn++;
        if (e.type === 'status') {
          emitGaps(record.key, state.gaps.onStatus(record.key, e, replica));
          continue;
        }
        emitGaps(record.key, state.gaps.onEvent(record.key, e, replica));
        const verdict = verdicts[k++];
        if (verdict === DedupWindow.INVALID) {
          c.badFrames++;
          continue;
        }
        const first = verdict === DedupWindow.FIRST;
        if (e.type === 'book') {
          // Every copy feeds the sources' liveness; a stale snapshot (or a delta inside the last
          // snapshot) is withheld (see the policy).
          const admit = state.books.onBookCopy(
            record.key,
            replica,
            e.snapshot,
            first,
            e.localTs,
            parseSeq(e.seq),
          );
          if (first && !admit) {
            c.booksWithheld++;
            continue;
          }
        }
        if (!first) {
          c.duplicates++;
          continue;
        }
        if (replica === 'A') c.winsA++;
        else c.winsB++;
        emit(record.key, e);
      }
    }
    const out: TxnRecord[] = [];
    for (const [key, events] of byKey) {
      for (const value of state.framer.frames(key, events, () => c.encodeErrors++)) {
        out.push({ topic: this.options.outputTopic, key, value });
      }
      c.eventsOut += events.length;
    }
    return out;
  }

  /** A reused verdict buffer of at least n slots (frames hold up to thousands of events). */
  private verdictsFor(n: number): Uint8Array {
    if (this.verdicts.length < n)
      this.verdicts = new Uint8Array(Math.max(n, this.verdicts.length * 2));
    return this.verdicts;
  }

  private noteOwnGap(state: PartitionState, key: string, e: StatusEvent): void {
    if (e.state !== 'gap') return;
    for (const g of e.gaps) {
      const from = parseSeq(g.from);
      const to = parseSeq(g.to);
      if (from !== undefined && to !== undefined) state.gaps.noteReported(key, { from, to });
    }
  }
}

function isStatus(e: UnifiedEvent): boolean {
  return e.type === 'status';
}

function gapStatus(g: BothDownGap): StatusEvent {
  const e = g.source;
  const from = g.range.from.toString();
  const to = g.range.to.toString();
  return {
    type: 'status',
    exchange: e.exchange,
    symbol: e.symbol,
    nativeSymbol: e.nativeSymbol,
    ts: e.ts,
    localTs: e.localTs,
    state: 'gap',
    reason: `both replicas missed ${e.exchange} ${e.symbol} book seq ${from}..${to}`,
    gaps: [{ from, to }],
  };
}
