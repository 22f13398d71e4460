import type { FeedState, StatusEvent, UnifiedEvent } from '@feedgate/core';
import { interval, Subscription, timer, type SchedulerLike } from 'rxjs';
import { BookManager } from './book/book.manager';
import type { SnapshotBudget } from './book/snapshot-budget';
import { ChannelWatchdog } from './channel.watchdog';
import type { ConnectorMetrics } from './connector.metrics';
import type { ConnectorActorOptions, DeadLetter } from './connector.options';
import { ConnectionLostError } from './errors/connection-lost.error';
import type { ClockPort } from './ports/clock.port';
import { SchedulerClock } from './ports/scheduler.clock';
import type { SocketConnection, SocketData, SocketEvent } from './ports/socket.port';
import type { ChannelSubscription } from './protocol/channel-subscription';
import type { ProtocolSession } from './protocol/connector-protocol';
import { RateLimitedSender } from './rate-limited.sender';
import { SubscriptionSharder } from './subscription.sharder';
import { quietFor, tickMs } from './watchdog.limits';

/** Bound on the raw payload kept with an oversized frame's dead letter. */
const DEAD_LETTER_RAW_BYTES = 64 * 1024;

/** What a session needs from its actor. */
export interface SessionHost {
  readonly id: string;
  readonly options: ConnectorActorOptions;
  readonly scheduler: SchedulerLike;
  readonly clock: ClockPort;
  readonly metrics: ConnectorMetrics;
  setState(state: FeedState, reason: string): void;
  emit(event: UnifiedEvent): void;
  symbolStatus(sub: ChannelSubscription, state: FeedState, reason: string): void;
  bookStatus(event: StatusEvent): void;
  deadLetter(letter: DeadLetter): void;
}

/**
 * The life of ONE connection: open, subscribe (rate-limited, batched), heartbeats, watchdogs,
 * parsing and book sync. It ends by calling `fail` with a ConnectionLostError; `stop` tears
 * down the socket, every timer and every in-flight snapshot request.
 */
export class ConnectorSession {
  private readonly teardown = new Subscription();
  private readonly watchdog: ChannelWatchdog;
  private readonly books: BookManager | undefined;
  private readonly sender: RateLimitedSender;
  /** This connection's own parser state (channel-id maps etc.); never shared. */
  private readonly parser: ProtocolSession;
  private conn: SocketConnection | undefined;
  private opened = false;
  private live = false;
  private lastFrameAt: number;
  private pingSentAt: number | null = null;
  private closeInfo = '';
  /** The wall clock reads the scheduler's: one read per frame serves `localTs` and timing. */
  private readonly clockIsScheduler: boolean;
  /** Scheduler time the session went live (null until then); the supervisor reads it. */
  liveSince: number | null = null;

  constructor(
    private readonly host: SessionHost,
    private readonly fail: (error: ConnectionLostError) => void,
  ) {
    const { options, scheduler, metrics } = host;
    const { protocol } = options;
    this.lastFrameAt = scheduler.now();
    this.clockIsScheduler =
      host.clock instanceof SchedulerClock && host.clock.scheduler === scheduler;
    this.parser = protocol.createSession();
    this.watchdog = new ChannelWatchdog((c) => quietFor(options, c));
    this.sender = new RateLimitedSender(
      (data) => this.conn?.send(data) ?? false,
      protocol.limits.subscribeMessagesPerSecond,
      scheduler,
      options.maxOutboundQueue ?? 10_000,
      () => (metrics.outboundDropped += 1),
    );
    this.books = protocol.book
      ? new BookManager({
          exchange: protocol.exchange,
          rules: protocol.book,
          rest: options.rest,
          budget: options.budget as SnapshotBudget | undefined,
          scheduler,
          clock: host.clock,
          metrics,
          maxBuffer: options.maxBookBuffer ?? 10_000,
          snapshotRetryMs: options.snapshotRetryMs ?? 1000,
          emit: (e) => host.emit(e),
          status: (e) => host.bookStatus(e),
          resubscribe: (sub) => this.resubscribe(sub),
        })
      : undefined;
  }

  start(): void {
    const { options, scheduler } = this.host;
    const url = options.url ?? options.protocol.url(options.shard ?? 0);
    this.host.setState('connecting', `opening ${url}`);
    const conn = options.socket.open(url, options.socketOptions);
    this.conn = conn;
    this.teardown.add(() => {
      this.sender.dispose();
      this.books?.reset();
      this.watchdog.clear();
    });
    this.teardown.add(
      conn.events$.subscribe({
        next: (e) => this.onSocketEvent(e),
        error: (err: unknown) => this.fail(new ConnectionLostError('error', String(err))),
        complete: () =>
          this.fail(new ConnectionLostError('closed', `socket closed ${this.closeInfo}`.trim())),
      }),
    );
    this.teardown.add(
      timer(options.connectTimeoutMs ?? 10_000, scheduler).subscribe(() => {
        if (!this.opened) this.fail(new ConnectionLostError('error', 'connect timeout'));
      }),
    );
  }

  stop(): void {
    this.teardown.unsubscribe();
    this.conn?.close(1000, 'connector stopped');
  }

  private onSocketEvent(e: SocketEvent): void {
    const now = this.host.scheduler.now();
    this.lastFrameAt = now;
    switch (e.kind) {
      case 'open':
        return this.onOpen();
      case 'message':
        return this.onMessage(e.data, now);
      case 'pong':
        this.pingSentAt = null;
        return;
      case 'close':
        // The stream completes right after; the close code goes into the loss reason.
        this.closeInfo = `${e.code} ${e.reason}`.trim();
        return;
      case 'ping':
        return;
    }
  }

  private onOpen(): void {
    const { options, scheduler, metrics } = this.host;
    const { protocol } = options;
    this.opened = true;
    metrics.connectionsOpened += 1;
    this.host.setState('subscribing', `${options.subscriptions.length} subscriptions`);
    const batches = new SubscriptionSharder().batches(
      options.subscriptions,
      protocol.limits.maxSubscriptionsPerMessage,
    );
    batches.forEach((batch, i) =>
      this.enqueueFrames(protocol.buildSubscribe(batch), () => {
        const now = scheduler.now();
        for (const sub of batch) {
          this.watchdog.arm(sub, now);
          if (sub.channel === 'book') this.books?.track(sub);
        }
        if (i === batches.length - 1) this.goLive();
      }),
    );
    if (batches.length === 0) this.goLive();
    this.startHeartbeat();
    const tick = tickMs(options);
    this.teardown.add(interval(tick, scheduler).subscribe(() => this.checkWatchdogs()));
  }

  private goLive(): void {
    this.live = true;
    this.liveSince = this.host.scheduler.now();
    this.host.setState('live', 'all subscriptions sent');
  }

  private startHeartbeat(): void {
    const { options, scheduler } = this.host;
    const hb = options.protocol.heartbeat;
    if (hb.mode === 'server') return;
    this.teardown.add(
      interval(hb.intervalMs, scheduler).subscribe(() => {
        const sent = hb.mode === 'app' ? this.conn?.send(hb.message()) : this.conn?.ping();
        // Keep the OLDEST unanswered ping: a pong must arrive within the timeout of it.
        if (sent && this.pingSentAt === null) this.pingSentAt = scheduler.now();
      }),
    );
  }

  /** `now`: scheduler time of arrival. */
  private onMessage(data: SocketData, now: number): void {
    const { options, clock, metrics } = this.host;
    metrics.framesReceived += 1;
    const localTs = this.clockIsScheduler ? now : clock.now();
    const size = typeof data === 'string' ? data.length : data.byteLength;
    const maxBytes = options.maxFrameBytes ?? 1024 * 1024;
    if (size > maxBytes) {
      // Parsing a giant frame would stall every symbol on this connection; real market data
      // never comes this big, so it is set aside like a malformed one and the feed goes on.
      metrics.oversizedFrames += 1;
      const cut = data.slice(0, DEAD_LETTER_RAW_BYTES);
      return this.deadLetter(cut, `frame of ${size} bytes exceeds ${maxBytes}`, localTs);
    }
    let result;
    try {
      result = this.parser.parse(data, localTs);
    } catch (err) {
      result = {
        kind: 'error' as const,
        error: err instanceof Error ? err : new Error(String(err)),
      };
    }
    if (result.kind === 'error') {
      metrics.malformedFrames += 1;
      return this.deadLetter(data, result.error.message, localTs);
    }
    if (result.kind === 'control') {
      const { control } = result;
      if (control.type === 'pong') this.pingSentAt = null;
      if (control.reply !== undefined) this.conn?.send(control.reply);
      if (control.type === 'error')
        this.deadLetter(data, `exchange error: ${control.message ?? ''}`, localTs);
      return;
    }
    for (const event of result.events) {
      const resumed = this.watchdog.seen(event.type, event.nativeSymbol, now);
      if (resumed) this.host.symbolStatus(resumed, 'live', `${resumed.channel} data resumed`);
      if (event.type === 'book' && this.books) this.books.onBook(event, result.checksum);
      else this.host.emit(event);
    }
  }

  private checkWatchdogs(): void {
    const { options, scheduler, metrics } = this.host;
    const now = scheduler.now();
    const silentFor = now - this.lastFrameAt;
    if (silentFor > options.protocol.maxSilenceMs) {
      metrics.staleConnections += 1;
      this.host.setState('stale', `no frame for ${silentFor} ms`);
      return this.fail(new ConnectionLostError('stale', `no frame for ${silentFor} ms`));
    }
    const hb = options.protocol.heartbeat;
    if (
      hb.mode !== 'server' &&
      this.pingSentAt !== null &&
      now - this.pingSentAt > hb.pongTimeoutMs
    ) {
      metrics.heartbeatTimeouts += 1;
      this.host.setState('stale', `no pong for ${now - this.pingSentAt} ms`);
      return this.fail(new ConnectionLostError('heartbeat', 'pong timeout'));
    }
    if (!this.live) return;
    for (const sub of this.watchdog.due(now)) {
      metrics.staleChannels += 1;
      this.host.symbolStatus(
        sub,
        'stale',
        `no ${sub.channel} data for ${quietFor(options, sub.channel)} ms; re-subscribing`,
      );
      this.resubscribe(sub);
    }
  }

  /** Re-subscribes ONE (channel, symbol) on this connection; the others are untouched. */
  private resubscribe(sub: ChannelSubscription): void {
    const { protocol } = this.host.options;
    this.host.metrics.resubscribes += 1;
    this.enqueueFrames(protocol.buildUnsubscribe([sub]));
    this.enqueueFrames(protocol.buildSubscribe([sub]), () =>
      this.watchdog.arm(sub, this.host.scheduler.now()),
    );
  }

  /** Queues one or several frames; `onSent` runs once, after the last of them went out. */
  private enqueueFrames(frames: SocketData | readonly SocketData[], onSent?: () => void): void {
    if (typeof frames === 'string' || frames instanceof Uint8Array) {
      this.sender.enqueue(frames, onSent);
      return;
    }
    const list = frames as readonly SocketData[];
    if (list.length === 0) onSent?.();
    list.forEach((f, i) => this.sender.enqueue(f, i === list.length - 1 ? onSent : undefined));
  }

  private deadLetter(raw: SocketData, error: string, localTs: number): void {
    const { options } = this.host;
    this.host.deadLetter({
      exchange: options.protocol.exchange,
      connectionId: this.host.id,
      raw,
      error,
      localTs,
    });
  }
}
