import type { BookEvent, GapRange, StatusEvent } from '@feedgate/core';
import { map, type Observable, of, Subscription, switchMap, timer, type SchedulerLike } from 'rxjs';
import type { ConnectorMetrics } from '../connector.metrics';
import type { ClockPort } from '../ports/clock.port';
import type { RestPort } from '../ports/rest.port';
import type { BookRules } from '../protocol/book-rules';
import type { ChannelSubscription } from '../protocol/channel-subscription';
import { BookSynchronizer, type SyncStep } from './book.synchronizer';
import type { SnapshotBudget } from './snapshot-budget';

export interface BookManagerDeps {
  readonly exchange: string;
  readonly rules: BookRules;
  readonly rest?: RestPort;
  readonly budget?: SnapshotBudget;
  readonly scheduler: SchedulerLike;
  readonly clock: ClockPort;
  readonly metrics: ConnectorMetrics;
  /** Deltas buffered per symbol while awaiting a snapshot. */
  readonly maxBuffer: number;
  /** Wait before retrying a failed REST snapshot. */
  readonly snapshotRetryMs: number;
  emit(event: BookEvent): void;
  status(event: StatusEvent): void;
  /** WS-snapshot exchanges resync a symbol by re-subscribing its book channel. */
  resubscribe(sub: ChannelSubscription): void;
}

interface Entry {
  readonly sub: ChannelSubscription;
  readonly sync: BookSynchronizer;
  fetch: Subscription | undefined;
  resyncing: boolean;
}

/**
 * Order-book integrity for one connection: one synchronizer per symbol, snapshot fetching
 * through the exchange-wide budget, and resync of ONLY the affected symbol on a gap, a
 * checksum mismatch or a buffer overflow, reported as a status event naming the range.
 */
export class BookManager {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly deps: BookManagerDeps) {}

  /** Starts syncing a subscribed book (called once the subscribe went out). */
  track(sub: ChannelSubscription): void {
    if (this.entries.has(sub.nativeSymbol)) return;
    const entry: Entry = {
      sub,
      sync: new BookSynchronizer(this.deps.rules, this.deps.maxBuffer),
      fetch: undefined,
      resyncing: false,
    };
    this.entries.set(sub.nativeSymbol, entry);
    if (this.deps.rules.snapshotSource === 'rest') this.requestSnapshot(entry);
  }

  isSynced(nativeSymbol: string): boolean {
    return this.entries.get(nativeSymbol)?.sync.synced ?? false;
  }

  onBook(event: BookEvent, checksum?: number): void {
    let entry = this.entries.get(event.nativeSymbol);
    if (!entry) {
      // A book for a symbol we never tracked (e.g. the exchange pushes it unasked): adopt it.
      this.track({ channel: 'book', symbol: event.symbol, nativeSymbol: event.nativeSymbol });
      entry = this.entries.get(event.nativeSymbol) as Entry;
    }
    const steps = event.snapshot
      ? entry.sync.onSnapshot(event, checksum)
      : entry.sync.onDelta(event, checksum);
    for (const step of steps) this.handle(entry, step);
  }

  /** Drops every symbol's state and in-flight fetch (the connection ended). */
  reset(): void {
    for (const entry of this.entries.values()) entry.fetch?.unsubscribe();
    this.entries.clear();
  }

  private handle(entry: Entry, step: SyncStep): void {
    const { metrics } = this.deps;
    switch (step.kind) {
      case 'emit':
        this.deps.emit(step.event);
        return;
      case 'gap':
        metrics.gaps += 1;
        this.status(entry, 'gap', `sequence gap ${step.from}..${step.to}; resyncing symbol`, [
          { from: step.from, to: step.to },
        ]);
        this.resync(entry);
        return;
      case 'checksum':
        metrics.checksumFailures += 1;
        this.status(entry, 'resync', `checksum mismatch at seq ${step.seq}; resyncing symbol`, [
          { from: step.seq, to: step.seq },
        ]);
        this.resync(entry);
        return;
      case 'overflow':
        metrics.bufferOverflows += 1;
        this.status(
          entry,
          'resync',
          `delta buffer overflow (${step.dropped} dropped); restarting resync`,
          [],
        );
        this.resync(entry);
        return;
      case 'synced':
        if (entry.resyncing) {
          entry.resyncing = false;
          this.status(entry, 'live', `book resynced at seq ${step.seq ?? '?'}`, []);
        }
        return;
    }
  }

  private resync(entry: Entry): void {
    this.deps.metrics.resyncs += 1;
    entry.resyncing = true;
    entry.sync.beginResync();
    if (this.deps.rules.snapshotSource === 'rest') this.requestSnapshot(entry);
    else this.deps.resubscribe(entry.sub);
  }

  private requestSnapshot(entry: Entry): void {
    const { rules, rest, budget, clock, metrics, scheduler } = this.deps;
    entry.fetch?.unsubscribe();
    if (!rest || !rules.snapshotUrl || !rules.parseSnapshot) return;
    const url = rules.snapshotUrl(entry.sub);
    const parse = rules.parseSnapshot.bind(rules);
    const grant$: Observable<unknown> = budget ? budget.acquire() : of(undefined);
    // The holder is assigned before subscribing: a synchronous answer may start a new resync.
    const holder = new Subscription();
    entry.fetch = holder;
    const fetch$ = grant$.pipe(
      switchMap(() => {
        metrics.snapshotRequests += 1;
        return rest.getJson(url);
      }),
      map((body) => parse(body, entry.sub, clock.now())),
    );
    holder.add(
      fetch$.subscribe({
        next: (snapshot) => {
          if (entry.fetch === holder) entry.fetch = undefined;
          this.onBook(snapshot);
        },
        error: (err: unknown) => {
          metrics.snapshotFailures += 1;
          this.status(entry, 'resync', `snapshot failed: ${String(err)}; retrying`, []);
          if (entry.fetch !== holder) return;
          entry.fetch = timer(this.deps.snapshotRetryMs, scheduler).subscribe(() =>
            this.requestSnapshot(entry),
          );
        },
      }),
    );
  }

  private status(
    entry: Entry,
    state: StatusEvent['state'],
    reason: string,
    gaps: GapRange[],
  ): void {
    const now = this.deps.clock.now();
    this.deps.status({
      type: 'status',
      exchange: this.deps.exchange,
      symbol: entry.sub.symbol,
      nativeSymbol: entry.sub.nativeSymbol,
      ts: now,
      localTs: now,
      state,
      reason,
      gaps,
    });
  }
}
