import type { BookEvent } from '@feedgate/core';
import type { BookRules } from '../protocol/book-rules';
import { checkContinuity } from './continuity';
import { OrderBook } from './order-book';

/** What the caller must do after feeding the synchronizer one event. */
export type SyncStep =
  | { readonly kind: 'emit'; readonly event: BookEvent }
  | { readonly kind: 'gap'; readonly from: string; readonly to: string }
  | { readonly kind: 'checksum'; readonly seq: string }
  | { readonly kind: 'overflow'; readonly dropped: number }
  | { readonly kind: 'synced'; readonly seq: string | null };

interface PendingDelta {
  readonly event: BookEvent;
  readonly checksum: number | undefined;
}

/**
 * Snapshot + delta state machine for ONE symbol, free of I/O so it is easy to test:
 * `awaiting` buffers deltas (bounded) until a snapshot, then replays the ones that follow
 * it; `synced` checks continuity and the checksum on every delta. Any failure moves it back
 * to `awaiting` by itself, so deltas arriving while the caller fetches a new snapshot are kept.
 * Overflow policy: when the buffer is full, it is dropped (counted by the caller) and the
 * caller restarts the resync, because a snapshot older than the dropped deltas is useless.
 */
export class BookSynchronizer {
  private state: 'awaiting' | 'synced' = 'awaiting';
  private buffer: PendingDelta[] = [];
  private last: bigint | null = null;
  private firstAfterSnapshot = false;
  private readonly book: OrderBook | undefined;

  constructor(
    private readonly rules: BookRules,
    private readonly maxBuffer: number,
  ) {
    this.book = rules.checksum ? new OrderBook() : undefined;
  }

  get synced(): boolean {
    return this.state === 'synced';
  }

  get buffered(): number {
    return this.buffer.length;
  }

  beginResync(): void {
    this.state = 'awaiting';
    this.buffer = [];
  }

  onDelta(event: BookEvent, checksum?: number): SyncStep[] {
    if (this.state === 'awaiting') {
      if (this.buffer.length >= this.maxBuffer) {
        const dropped = this.buffer.length + 1;
        this.buffer = [];
        return [{ kind: 'overflow', dropped }];
      }
      this.buffer.push({ event, checksum });
      return [];
    }
    return this.applyDelta(event, checksum);
  }

  onSnapshot(event: BookEvent, checksum?: number): SyncStep[] {
    // A WebSocket snapshot arrives in-band: every delta buffered before it on the same
    // stream is already contained in it. Replaying them is harmless with sequence numbers
    // (they are dropped) but corrupts a book that has none (Kraken), so they are discarded.
    const pending = this.rules.snapshotSource === 'ws' ? [] : this.buffer;
    this.buffer = [];
    this.state = 'synced';
    this.last = /^-?\d+$/.test(event.seq ?? '') ? BigInt(event.seq as string) : null;
    this.firstAfterSnapshot = true;
    this.book?.reset();
    const steps: SyncStep[] = [{ kind: 'emit', event }];
    if (!this.verify(event, checksum, steps)) return steps;
    for (let i = 0; i < pending.length; i++) {
      steps.push(...this.applyDelta(pending[i].event, pending[i].checksum));
      if (!this.synced) {
        // Deltas after the failing one are still newer than any next snapshot may be: keep them.
        this.buffer.push(...pending.slice(i + 1).slice(0, this.maxBuffer));
        return steps;
      }
    }
    steps.push({ kind: 'synced', seq: this.last === null ? null : this.last.toString() });
    return steps;
  }

  private applyDelta(event: BookEvent, checksum: number | undefined): SyncStep[] {
    const verdict = checkContinuity(
      this.rules.continuity,
      this.last,
      this.firstAfterSnapshot,
      event,
    );
    if (verdict.action === 'drop') return [];
    if (verdict.action === 'gap') {
      this.beginResync();
      // The delta that revealed the gap is newer than the book: keep it for the replay.
      this.buffer.push({ event, checksum });
      return [{ kind: 'gap', from: verdict.from, to: verdict.to }];
    }
    this.firstAfterSnapshot = false;
    if (verdict.seq !== null) this.last = verdict.seq;
    const steps: SyncStep[] = [];
    if (this.verify(event, checksum, steps)) steps.push({ kind: 'emit', event });
    return steps;
  }

  /** Applies the event to the maintained book and checks the exchange checksum, if any. */
  private verify(event: BookEvent, checksum: number | undefined, steps: SyncStep[]): boolean {
    if (!this.book || !this.rules.checksum) return true;
    const withinBound = this.book.apply(event.bids, event.asks);
    if (checksum === undefined && withinBound) return true;
    const view = this.book.view(this.rules.checksumDepth ?? 25);
    if (
      withinBound &&
      checksum !== undefined &&
      this.rules.checksum(view) >>> 0 === checksum >>> 0
    ) {
      return true;
    }
    this.beginResync();
    const flagged: BookEvent = { ...event, checksumValid: false };
    if (!event.snapshot) steps.push({ kind: 'emit', event: flagged });
    else steps[steps.length - 1] = { kind: 'emit', event: flagged };
    steps.push({ kind: 'checksum', seq: event.seq ?? '?' });
    return false;
  }
}
