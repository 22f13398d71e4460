import { asyncScheduler, type SchedulerLike } from 'rxjs';
import type { ClockPort } from './clock.port';

/** ClockPort reading a scheduler's clock, so TestScheduler tests see virtual time in `localTs`. */
export class SchedulerClock implements ClockPort {
  constructor(readonly scheduler: SchedulerLike = asyncScheduler) {}

  now(): number {
    return this.scheduler.now();
  }
}
