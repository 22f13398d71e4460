import type { UnifiedEvent } from '@feedgate/core';
import {
  Observable,
  asyncScheduler,
  type OperatorFunction,
  type SchedulerLike,
  type Subscription,
} from 'rxjs';
import type { DedupReplica, DedupStats } from './dedup-stats';
import { DedupWindow } from './dedup-window';
import type { DedupWindowOptions } from './dedup-window.options';
import { DedupInvalidEventError } from './errors/dedup-invalid-event.error';

export interface DedupOperatorOptions<T> extends DedupWindowOptions {
  /** The event an item carries. Default: the item itself (for streams of UnifiedEvent). */
  readonly eventOf?: (item: T) => UnifiedEvent;
  /** The replica ('A' | 'B') that delivered the item, when known (frame origin). */
  readonly replicaOf?: (item: T) => DedupReplica | undefined;
  /**
   * Arrival time of the item, ms (the window's clock). Default: the event's `localTs` (when the
   * gate received it). Pass e.g. `() => Date.now()` to use the dedup process's own clock.
   */
  readonly arrivalTimeOf?: (item: T, event: UnifiedEvent) => number;
  /**
   * A window owned by the caller (e.g. the dedup service, which rebuilds it from md.unified).
   * It is shared, so teardown does NOT clear it. Without it each subscription gets its own window,
   * cleared at teardown.
   */
  readonly window?: DedupWindow;
  /** Called with a stats snapshot every `statsIntervalMs`, and once at completion/teardown. */
  readonly onStats?: (stats: DedupStats) => void;
  /** Period of `onStats`, ms. Default 5000; 0 = only the final snapshot. */
  readonly statsIntervalMs?: number;
  /** Scheduler of the stats timer (inject a TestScheduler/VirtualTimeScheduler in tests). */
  readonly scheduler?: SchedulerLike;
  /**
   * An item whose event has no usable identity: 'error' (default) ends the stream with a
   * DedupInvalidEventError on the error channel; 'drop' skips it and counts `invalid`.
   */
  readonly invalid?: 'error' | 'drop';
}

/**
 * RxJS operator: lets the first copy of every event through and drops later copies (from any
 * replica) within a bounded window — see DedupWindow for the identity, clock and bounds.
 * Order is preserved (first-arrival order). Source errors are forwarded; teardown unsubscribes
 * from the source, stops the stats timer, reports final stats and clears an operator-owned window.
 */
export function dedup<T = UnifiedEvent>(
  options: DedupOperatorOptions<T> = {},
): OperatorFunction<T, T> {
  const eventOf = options.eventOf ?? ((item: T) => item as unknown as UnifiedEvent);
  const { replicaOf, arrivalTimeOf, onStats } = options;
  const dropInvalid = options.invalid === 'drop';
  const statsIntervalMs = options.statsIntervalMs ?? 5000;

  return (source) =>
    new Observable<T>((subscriber) => {
      const owned = options.window === undefined;
      const window = options.window ?? new DedupWindow(options);
      let timer: Subscription | undefined;
      let finalReported = false;
      const reportFinal = (): void => {
        if (finalReported || onStats === undefined) return;
        finalReported = true;
        onStats(window.stats());
      };
      if (onStats !== undefined && statsIntervalMs > 0) {
        const scheduler = options.scheduler ?? asyncScheduler;
        timer = scheduler.schedule(function tick() {
          onStats(window.stats());
          this.schedule(undefined, statsIntervalMs);
        }, statsIntervalMs);
      }

      const upstream = source.subscribe({
        next: (item) => {
          let first: boolean;
          try {
            const event = eventOf(item);
            const replica = replicaOf === undefined ? undefined : replicaOf(item);
            first =
              arrivalTimeOf === undefined
                ? window.accept(event, replica)
                : window.accept(event, replica, arrivalTimeOf(item, event));
          } catch (err) {
            if (dropInvalid) {
              window.invalid++;
              return;
            }
            subscriber.error(
              err instanceof DedupInvalidEventError
                ? err
                : new DedupInvalidEventError(`dedup: unusable item (${describe(err)})`, err),
            );
            return;
          }
          if (first) subscriber.next(item);
        },
        error: (err: unknown) => subscriber.error(err),
        complete: () => {
          reportFinal();
          subscriber.complete();
        },
      });

      return () => {
        upstream.unsubscribe();
        timer?.unsubscribe();
        reportFinal();
        if (owned) window.clear();
      };
    });
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
