import type { FeedState, StatusEvent, UnifiedEvent } from '@feedgate/core';
import { asyncScheduler, Observable, Subject, type SchedulerLike, type Subscription } from 'rxjs';
import { ConnectorMetrics } from './connector.metrics';
import {
  CONNECTION_SYMBOL,
  type ConnectorActorOptions,
  type DeadLetter,
} from './connector.options';
import { ConnectorSession, type SessionHost } from './connector.session';
import type { ConnectionLostError } from './errors/connection-lost.error';
import { MulticastStream } from './multicast.stream';
import type { ClockPort } from './ports/clock.port';
import { SchedulerClock } from './ports/scheduler.clock';
import type { ChannelSubscription } from './protocol/channel-subscription';

/**
 * One exchange connection as an actor with explicit states (connecting → subscribing → live
 * → stale → backoff → reconnecting, and stopped). `events$` carries unified market events plus
 * symbol-level status (gap, resync, stale channel); `status$` carries every status event,
 * connection-level ones with symbol `*`. `session()` is one connection's life, failing with a
 * ConnectionLostError; the ConnectorSupervisor retries it. `stop()` is final.
 */
export class ConnectorActor implements SessionHost {
  readonly id: string;
  readonly scheduler: SchedulerLike;
  readonly clock: ClockPort;
  readonly metrics: ConnectorMetrics;
  /** Every market event goes through it: a Subject's per-call overhead showed in profiles. */
  private readonly eventsStream = new MulticastStream<UnifiedEvent>();
  private readonly statusSubject = new Subject<StatusEvent>();
  private readonly deadSubject = new Subject<DeadLetter>();
  readonly events$: Observable<UnifiedEvent> = this.eventsStream.observable;
  readonly status$: Observable<StatusEvent> = this.statusSubject.asObservable();
  readonly deadLetters$: Observable<DeadLetter> = this.deadSubject.asObservable();
  private current: ConnectorSession | undefined;
  private running: Subscription | undefined;
  private stateValue: FeedState = 'stopped';
  private stopped = false;
  /** How long the last ended session stayed live, ms (0 when it never went live). */
  lastLiveDurationMs = 0;

  constructor(readonly options: ConnectorActorOptions) {
    this.scheduler = options.scheduler ?? asyncScheduler;
    this.clock = options.clock ?? new SchedulerClock(this.scheduler);
    this.metrics = options.metrics ?? new ConnectorMetrics();
    this.id = `${options.protocol.exchange}#${options.shard ?? 0}`;
  }

  get state(): FeedState {
    return this.stateValue;
  }

  get isStopped(): boolean {
    return this.stopped;
  }

  /** One connection's life; never completes normally. Unsubscribing tears it down. */
  session(): Observable<never> {
    return new Observable<never>((subscriber) => {
      if (this.stopped) {
        subscriber.complete();
        return;
      }
      const recordLive = (): void => {
        const since = session.liveSince;
        this.lastLiveDurationMs = since === null ? 0 : this.scheduler.now() - since;
      };
      const session = new ConnectorSession(this, (err: ConnectionLostError) => {
        this.metrics.connectionsLost += 1;
        // Recorded before erroring: retry's delay callback runs before this teardown.
        recordLive();
        subscriber.error(err);
      });
      this.current = session;
      session.start();
      return () => {
        session.stop();
        if (this.current === session) this.current = undefined;
      };
    });
  }

  /** Runs a single unsupervised session (a lost connection ends in `stopped`). */
  start(): void {
    if (this.running || this.stopped) return;
    this.running = this.session().subscribe({
      error: (err: unknown) => this.setState('stopped', `unsupervised: ${String(err)}`),
    });
  }

  /** Tears down socket, timers, snapshot fetches and completes the streams. Final. */
  stop(): void {
    if (this.stopped) return;
    this.running?.unsubscribe();
    this.running = undefined;
    this.current?.stop();
    this.current = undefined;
    this.setState('stopped', 'stopped');
    this.stopped = true;
    this.eventsStream.complete();
    this.statusSubject.complete();
    this.deadSubject.complete();
  }

  setState(state: FeedState, reason: string): void {
    if (this.stopped) return;
    this.stateValue = state;
    const now = this.clock.now();
    this.statusSubject.next({
      type: 'status',
      exchange: this.options.protocol.exchange,
      symbol: CONNECTION_SYMBOL,
      nativeSymbol: CONNECTION_SYMBOL,
      ts: now,
      localTs: now,
      state,
      reason: `${this.id}: ${reason}`,
      gaps: [],
    });
  }

  emit(event: UnifiedEvent): void {
    this.metrics.eventsEmitted += 1;
    this.eventsStream.next(event);
  }

  symbolStatus(sub: ChannelSubscription, state: FeedState, reason: string): void {
    const now = this.clock.now();
    this.bookStatus({
      type: 'status',
      exchange: this.options.protocol.exchange,
      symbol: sub.symbol,
      nativeSymbol: sub.nativeSymbol,
      ts: now,
      localTs: now,
      state,
      reason: `${this.id}: ${reason}`,
      gaps: [],
    });
  }

  /** Symbol-level status goes into both streams so consumers of events$ see gaps in place. */
  bookStatus(event: StatusEvent): void {
    if (this.stopped) return;
    this.statusSubject.next(event);
    this.eventsStream.next(event);
  }

  deadLetter(letter: DeadLetter): void {
    if (!this.stopped) this.deadSubject.next(letter);
  }
}
