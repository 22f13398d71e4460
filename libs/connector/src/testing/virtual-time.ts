import { TestScheduler } from 'rxjs/testing';

/**
 * A TestScheduler driven step by step: `advanceTo(ms)` runs every action due up to `ms` and
 * leaves the clock exactly at `ms`, so a test can interleave fake-server frames with time.
 */
export class VirtualTime {
  readonly scheduler = new TestScheduler((a, b) => {
    if (JSON.stringify(a) !== JSON.stringify(b)) throw new Error('marble mismatch');
  });

  now(): number {
    return this.scheduler.now();
  }

  advanceTo(ms: number): void {
    if (ms < this.scheduler.now()) return;
    // A no-op at `ms` pins the clock there even when nothing else is due.
    this.scheduler.schedule(() => undefined, ms - this.scheduler.now());
    this.scheduler.maxFrames = ms;
    this.scheduler.flush();
  }

  advanceBy(ms: number): void {
    this.advanceTo(this.scheduler.now() + ms);
  }

  /** Scheduled actions still pending (0 after a full teardown). */
  get pending(): number {
    return this.scheduler.actions.length;
  }
}
