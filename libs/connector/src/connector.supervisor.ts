import { defer, retry, tap, timer, type Subscription } from 'rxjs';
import { fullJitterDelay, type BackoffPolicy, type RandomSource } from './backoff';
import type { ConnectorActor } from './connector.actor';

export interface SupervisorOptions {
  /** Backoff base, ms; default 500. */
  readonly baseMs?: number;
  /** Backoff cap, ms; default 30,000. */
  readonly capMs?: number;
  /** A session live at least this long resets the attempt counter; default 60,000 ms. */
  readonly resetAfterLiveMs?: number;
  readonly random?: RandomSource;
}

/**
 * Keeps one actor connected forever: every lost session is followed by `backoff` for a
 * full-jitter delay, then `reconnecting` and a new session. There is no retry limit — a feed
 * must not die for good after N failures; the state stream says how it is doing instead.
 */
export class ConnectorSupervisor {
  private readonly policy: BackoffPolicy;
  private readonly random: RandomSource;
  private readonly resetAfterLiveMs: number;
  private running: Subscription | undefined;
  /** Consecutive failed attempts (reset by a long enough live session). */
  attempt = 0;
  /** Every backoff delay chosen, newest last (bounded to the last 100, for tests and metrics). */
  readonly delays: number[] = [];

  constructor(
    readonly actor: ConnectorActor,
    options: SupervisorOptions = {},
  ) {
    this.policy = { baseMs: options.baseMs ?? 500, capMs: options.capMs ?? 30_000 };
    this.random = options.random ?? Math.random;
    this.resetAfterLiveMs = options.resetAfterLiveMs ?? 60_000;
  }

  start(): void {
    if (this.running || this.actor.isStopped) return;
    const { scheduler } = this.actor;
    this.running = defer(() => this.actor.session())
      .pipe(
        retry({
          delay: (err: unknown) => {
            if (this.actor.lastLiveDurationMs >= this.resetAfterLiveMs) this.attempt = 0;
            const delay = fullJitterDelay(this.attempt, this.policy, this.random);
            this.attempt += 1;
            this.delays.push(delay);
            if (this.delays.length > 100) this.delays.shift();
            this.actor.setState('backoff', `${String(err)}; retry #${this.attempt} in ${delay} ms`);
            return timer(delay, scheduler).pipe(
              tap(() => this.actor.setState('reconnecting', `retry #${this.attempt}`)),
            );
          },
        }),
      )
      .subscribe();
  }

  /** Stops retrying and stops the actor (tears everything down). */
  stop(): void {
    this.running?.unsubscribe();
    this.running = undefined;
    this.actor.stop();
  }
}
