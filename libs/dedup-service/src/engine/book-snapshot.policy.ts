/** One key's book: its sources' runs, and what md.unified carries by exchange sequence. */
interface KeyBook {
  readonly runs: Map<string, SourceRun>;
  /** Highest delta seq emitted (sequenced venues only). */
  delta?: bigint;
  /** Seq of the last snapshot emitted: deltas at or below it are inside it. */
  snapshot?: bigint;
}

/** One source's (replica's) book stream for one key. */
interface SourceRun {
  /** Receive time (localTs) of its latest book copy, emitted or not. */
  lastSeen: number;
  /** Receive time of its latest snapshot copy: where its current continuous run began. */
  runStart: number;
}

export interface BookSnapshotPolicyOptions {
  /** A source that sent a book copy this recently is live. Default 2 000 ms. */
  readonly liveMs?: number;
  /**
   * A live source whose run began at least this long before another source's resync snapshot
   * is taken to have covered what that source missed (gap detection plus the REST snapshot
   * round trip take less). Default 2 000 ms.
   */
  readonly coverMs?: number;
  /** Keys tracked (oldest forgotten first). */
  readonly maxKeys: number;
}

/** The source id of records rebuilt from md.unified (no replica is known). */
export const REBUILT_SOURCE = 'rebuilt';

/**
 * Which book events reach md.unified beyond first-copy dedup. A consumer resets its book on
 * every snapshot, so a snapshot is only safe when it is not older than the deltas already
 * delivered: replica B's start-up snapshot, arriving after replica A's copies of deltas it
 * predates, would reset the book to an older state, and B's later copies of those deltas are
 * duplicates that never come again — the aggregator then held a stale (crossed) book.
 *
 * Sequenced venues (Binance, OKX, Bybit: the event has a `seq`) are settled exactly: a snapshot
 * older than the last delivered delta is withheld, and a delta at or below the last delivered
 * snapshot's seq is withheld (it is inside the snapshot). Kraken and Coinbase books carry no
 * sequence, so for them the rule is about sources:
 *
 * - a snapshot from a source that was absent (joining, or back after more than `liveMs`) is
 *   dropped while another source is live: that source's stream already covers it;
 * - a resync snapshot from a live source (it missed something) is dropped while another live
 *   source has run continuously since before the miss (`coverMs`): the deltas it missed were
 *   delivered by the other one;
 * - otherwise (a single replica, both replicas missed the same update, or the stream went
 *   quiet) the snapshot is emitted and starts a new book for consumers.
 */
export class BookSnapshotPolicy {
  private readonly keys = new Map<string, KeyBook>();
  private readonly liveMs: number;
  private readonly coverMs: number;
  suppressed = 0;

  constructor(private readonly options: BookSnapshotPolicyOptions) {
    this.liveMs = options.liveMs ?? 2000;
    this.coverMs = options.coverMs ?? 2000;
  }

  /**
   * Every book copy of `key` from `source` (before dedup); for a copy that dedup would emit
   * (`firstCopy`), answers whether it may reach md.unified. `seq`: the exchange sequence, when
   * the venue has one.
   */
  onBookCopy(
    key: string,
    source: string,
    snapshot: boolean,
    firstCopy: boolean,
    now: number,
    seq?: bigint,
  ): boolean {
    const book = this.bookOf(key);
    const runs = book.runs;
    const own = runs.get(source);
    const wasLive = own !== undefined && now - own.lastSeen <= this.liveMs;
    if (snapshot)
      runs.set(source, { lastSeen: Math.max(own?.lastSeen ?? now, now), runStart: now });
    else if (own) own.lastSeen = Math.max(own.lastSeen, now);
    // A source's deltas before its first snapshot are not a run yet.
    else runs.set(source, { lastSeen: now, runStart: Number.POSITIVE_INFINITY });
    if (!firstCopy) return true;
    const admit =
      seq !== undefined
        ? bySequence(book, snapshot, seq)
        : !snapshot || !this.coveredByOthers(runs, source, wasLive, now);
    if (!admit) this.suppressed++;
    return admit;
  }

  /** A book event rebuilt from md.unified: the delivered stream itself, source unknown. */
  onRebuilt(key: string, snapshot: boolean, now: number, seq?: bigint): void {
    const book = this.bookOf(key);
    const runs = book.runs;
    const run = runs.get(REBUILT_SOURCE);
    if (run) {
      run.lastSeen = Math.max(run.lastSeen, now);
      if (snapshot) run.runStart = now;
    } else {
      runs.set(REBUILT_SOURCE, {
        lastSeen: now,
        runStart: snapshot ? now : Number.NEGATIVE_INFINITY,
      });
    }
    if (seq !== undefined) bySequence(book, snapshot, seq);
  }

  /** True when another live source's continuous run already delivered what `source` missed. */
  private coveredByOthers(
    runs: Map<string, SourceRun>,
    source: string,
    wasLive: boolean,
    now: number,
  ): boolean {
    for (const [other, run] of runs) {
      if (other === source || now - run.lastSeen > this.liveMs) continue;
      if (run.runStart === Number.POSITIVE_INFINITY) continue;
      // A joining source is covered by any live run; a resyncing one by a run older than its miss.
      if (!wasLive || run.runStart <= now - this.coverMs) return true;
    }
    return false;
  }

  private bookOf(key: string): KeyBook {
    let book = this.keys.get(key);
    if (!book) {
      if (this.keys.size >= this.options.maxKeys) {
        this.keys.delete(this.keys.keys().next().value as string);
      }
      this.keys.set(key, (book = { runs: new Map() }));
    }
    return book;
  }
}

/** Sequenced venues: a snapshot older than the last delta, or a delta inside the last snapshot, is stale. */
function bySequence(book: KeyBook, snapshot: boolean, seq: bigint): boolean {
  if (snapshot) {
    if (book.delta !== undefined && seq < book.delta) return false;
    book.snapshot = seq;
    return true;
  }
  if (book.snapshot !== undefined && seq <= book.snapshot) return false;
  if (book.delta === undefined || seq > book.delta) book.delta = seq;
  return true;
}
