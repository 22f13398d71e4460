import { asyncScheduler, Observable, type SchedulerLike } from 'rxjs';

/**
 * Token bucket for REST snapshot requests, shared by every connection of one exchange so a
 * reconnect storm (hundreds of symbols resyncing at once) cannot hammer the REST endpoint.
 * Waiters reserve a token up front (the balance may go negative), so grants are FIFO and
 * evenly spaced; a waiter that unsubscribes before its grant gives its token back.
 */
export class SnapshotBudget {
  private tokens: number;
  private updatedAt: number;

  constructor(
    readonly capacity: number,
    readonly refillPerSecond: number,
    private readonly scheduler: SchedulerLike = asyncScheduler,
  ) {
    this.tokens = capacity;
    this.updatedAt = scheduler.now();
  }

  /** Emits once (then completes) when a snapshot request may go out. */
  acquire(): Observable<void> {
    return new Observable<void>((subscriber) => {
      this.refill();
      this.tokens -= 1;
      if (this.tokens >= 0) {
        subscriber.next();
        subscriber.complete();
        return;
      }
      let granted = false;
      const waitMs = Math.ceil((-this.tokens * 1000) / this.refillPerSecond);
      const action = this.scheduler.schedule(() => {
        granted = true;
        subscriber.next();
        subscriber.complete();
      }, waitMs);
      return () => {
        action.unsubscribe();
        if (!granted) this.tokens += 1;
      };
    });
  }

  /** Tokens available now (negative while waiters are queued). */
  available(): number {
    this.refill();
    return this.tokens;
  }

  private refill(): void {
    const now = this.scheduler.now();
    const elapsed = Math.max(0, now - this.updatedAt);
    this.updatedAt = now;
    this.tokens = Math.min(this.capacity, this.tokens + (elapsed * this.refillPerSecond) / 1000);
  }
}
