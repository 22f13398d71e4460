import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';
import type { GatewayConfig } from '../config/gateway.config';
import type { ChannelSelector } from '../upstream/market-channel';
import type { FeedSubscriber, OutboundMessage } from '../upstream/outbound-message';
import { framePayload } from '../upstream/text-frame';
import { CLOSE_SLOW_CONSUMER } from './close-codes';
import { TokenBucket } from './token-bucket';

/** Counters shared by all sessions (read by /metrics). */
export interface SessionCounters {
  sent: number;
  conflated: number;
  queued: number;
  slowDisconnects: number;
}

/** Who opened the socket (from the API key). */
export interface SessionPrincipal {
  readonly keyId: string;
  readonly role: string;
}

/** Buffers are sent as text frames: they hold the UTF-8 of a JSON message. */
const TEXT_FRAME = { binary: false } as const;
/** ws readyState OPEN. */
const OPEN = 1;
/** How often a backlogged session retries to drain and re-checks its limits. */
const DRAIN_INTERVAL_MS = 10;
/** A closing slow socket that does not finish the close handshake is destroyed after this. */
const CLOSE_GRACE_MS = 3000;

/**
 * One WebSocket client: its subscriptions and its bounded outbound path. While ws's
 * bufferedAmount is under the high-water mark messages go straight out. Past it the client is
 * "behind": state updates (bbo, nbbo, book) are conflated (one entry per key, latest wins; a
 * book becomes a fresh snapshot rendered at catch-up), other messages (trades, candles,
 * alerts) are queued up to maxQueuedMessages. Overflowing that queue, passing maxBufferedBytes
 * or staying behind longer than maxLagMs closes the socket with 4008 and the reason, so the
 * gateway's memory per client is bounded whatever the client does.
 */
export class ClientSession implements FeedSubscriber {
  readonly subscriptions = new Map<string, ChannelSelector>();
  readonly bucket: TokenBucket;
  rateViolations = 0;
  /** Cleared when a heartbeat ping goes out, set again by the pong. */
  alive = true;
  private readonly conflated = new Map<string, string | (() => string)>();
  private queue: string[] = [];
  private queueHead = 0;
  private behindSince = 0;
  private drainTimer: NodeJS.Timeout | undefined;
  private graceTimer: NodeJS.Timeout | undefined;
  private closed = false;
  /** True while the TCP socket is corked for the current synchronous fan-out. */
  private corked = false;
  /**
   * No extension negotiated (the gateway's ws server offers none): a server frame is then the
   * same bytes for every client, so a fan-out's prebuilt frame can be written to the TCP socket
   * directly. ws itself writes synchronously in that case (its sender only queues while
   * compressing), so direct writes and ws.send (replies, pings, close) stay in order.
   */
  private readonly plainFrames: boolean;
  private readonly uncork = (): void => {
    this.corked = false;
    rawSocket(this.socket)?.uncork();
  };

  constructor(
    readonly socket: WebSocket,
    readonly principal: SessionPrincipal,
    private readonly config: GatewayConfig,
    private readonly counters: SessionCounters,
  ) {
    this.bucket = new TokenBucket(config.inboundRatePerSec, config.inboundBurst);
    this.plainFrames = socket.extensions === '';
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Messages held for this client (queued + conflated), for tests and metrics. */
  get backlog(): number {
    return this.queue.length - this.queueHead + this.conflated.size;
  }

  /** Replies (acks, errors) bypass conflation but still respect the bounds. */
  reply(payload: object): void {
    this.deliver({ text: JSON.stringify(payload) });
  }

  deliver(message: OutboundMessage): void {
    if (this.closed) return;
    const ws = this.socket;
    if (this.behindSince === 0) {
      if (ws.bufferedAmount < this.config.highWaterBytes) {
        this.send(message.text, message.frame);
        return;
      }
      this.behindSince = Date.now();
      this.scheduleDrain();
    }
    if (message.conflationKey !== undefined) {
      if (this.conflated.has(message.conflationKey)) this.counters.conflated++;
      this.conflated.set(message.conflationKey, message.resync ?? message.text);
    } else {
      if (this.queue.length - this.queueHead >= this.config.maxQueuedMessages) {
        this.dropSlow(`slow consumer: more than ${this.config.maxQueuedMessages} messages queued`);
        return;
      }
      this.counters.queued++;
      this.queue.push(message.text);
    }
    this.checkLimits();
  }

  /** Stops timers and drops the backlog; called when the socket closes for any reason. */
  dispose(): void {
    this.closed = true;
    this.conflated.clear();
    this.queue = [];
    this.queueHead = 0;
    if (this.drainTimer) clearTimeout(this.drainTimer);
    this.drainTimer = undefined;
    if (this.graceTimer) clearTimeout(this.graceTimer);
    this.graceTimer = undefined;
  }

  /** Closes with a code and reason; a peer that never answers is destroyed after a grace. */
  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.conflated.clear();
    this.queue = [];
    this.queueHead = 0;
    this.socket.close(code, reason.slice(0, 120));
    this.graceTimer = setTimeout(() => this.socket.terminate(), CLOSE_GRACE_MS);
    this.graceTimer.unref();
  }

  /** Sends a message: its prebuilt frame straight to the TCP socket when possible. */
  private send(text: string, frame?: Buffer): void {
    this.counters.sent++;
    const raw = rawSocket(this.socket);
    if (raw && !this.corked) {
      // One fan-out (a bus batch of many events) would otherwise cost one writev syscall per
      // message per client — the gateway's top CPU cost under load. Corking until the
      // synchronous run ends (Node's documented cork + nextTick(uncork) pattern) sends all of
      // this client's messages of the batch in one writev. bufferedAmount still counts them.
      raw.cork();
      this.corked = true;
      process.nextTick(this.uncork);
    }
    if (frame === undefined) this.socket.send(text, TEXT_FRAME);
    else if (raw && this.plainFrames && this.socket.readyState === OPEN) raw.write(frame);
    else this.socket.send(framePayload(frame), TEXT_FRAME);
  }

  private dropSlow(reason: string): void {
    this.counters.slowDisconnects++;
    this.close(CLOSE_SLOW_CONSUMER, reason);
  }

  private checkLimits(): boolean {
    if (this.socket.bufferedAmount > this.config.maxBufferedBytes) {
      this.dropSlow(`slow consumer: send buffer over ${this.config.maxBufferedBytes} bytes`);
      return false;
    }
    if (this.behindSince !== 0 && Date.now() - this.behindSince > this.config.maxLagMs) {
      this.dropSlow(`slow consumer: behind for more than ${this.config.maxLagMs} ms`);
      return false;
    }
    return true;
  }

  private scheduleDrain(): void {
    if (this.drainTimer || this.closed) return;
    this.drainTimer = setTimeout(() => {
      this.drainTimer = undefined;
      this.drain();
    }, DRAIN_INTERVAL_MS);
  }

  /** Sends state first (it is what a trader needs most after a stall), then the queue. */
  private drain(): void {
    if (this.closed || !this.checkLimits()) return;
    const ws = this.socket;
    const high = this.config.highWaterBytes;
    for (const [key, entry] of this.conflated) {
      if (ws.bufferedAmount >= high) break;
      this.conflated.delete(key);
      this.send(typeof entry === 'string' ? entry : entry());
    }
    while (this.queueHead < this.queue.length && ws.bufferedAmount < high) {
      this.send(this.queue[this.queueHead++]);
    }
    if (this.queueHead === this.queue.length) {
      this.queue = [];
      this.queueHead = 0;
    } else if (this.queueHead > 1024 && this.queueHead * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.queueHead);
      this.queueHead = 0;
    }
    if (this.backlog === 0 && ws.bufferedAmount < high) this.behindSince = 0;
    else this.scheduleDrain();
  }
}

/**
 * The TCP socket under a ws WebSocket. ws keeps it in the (undocumented but long-stable)
 * `_socket` field; if a ws version ever drops it, corking is skipped and sends still work.
 */
function rawSocket(ws: WebSocket): Duplex | undefined {
  const raw = (ws as unknown as { _socket?: Duplex })._socket;
  return raw && typeof raw.cork === 'function' && !raw.destroyed ? raw : undefined;
}

/** ws types re-exported so that only *.socket.ts files import ws (dependency-cruiser rule). */
export type { WebSocket as GatewaySocket, WebSocketServer as GatewayServer } from 'ws';
