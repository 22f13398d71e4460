import type { Subscriber } from 'rxjs';
import type { SocketData, SocketEvent } from './socket.port';

/**
 * The server side of one in-memory connection: tests push frames, pings and closes into the
 * client and read what the client sent. Everything is synchronous so TestScheduler runs stay
 * deterministic.
 */
export class InMemoryServerConnection {
  /** Frames the client sent, in order. */
  readonly received: SocketData[] = [];
  clientPings = 0;
  isOpen = false;
  isClosed = false;
  /** Set once the client side unsubscribed (teardown ran). */
  tornDown = false;
  private subscriber: Subscriber<SocketEvent> | undefined;

  constructor(
    readonly url: string,
    readonly index: number,
  ) {}

  /** @internal wiring from InMemorySocket. */
  attach(subscriber: Subscriber<SocketEvent>): void {
    this.subscriber = subscriber;
  }

  /** Received frames as text (binary frames decoded as UTF-8). */
  get receivedText(): string[] {
    return this.received.map((d) => (typeof d === 'string' ? d : Buffer.from(d).toString('utf8')));
  }

  open(): void {
    if (this.isOpen || this.isClosed) return;
    this.isOpen = true;
    this.subscriber?.next({ kind: 'open' });
  }

  send(data: SocketData): void {
    if (this.isOpen && !this.isClosed) this.subscriber?.next({ kind: 'message', data });
  }

  ping(): void {
    if (this.isOpen && !this.isClosed) this.subscriber?.next({ kind: 'ping' });
  }

  pong(): void {
    if (this.isOpen && !this.isClosed) this.subscriber?.next({ kind: 'pong' });
  }

  /** Closes from the server side; code 1006 models an abrupt drop. */
  close(code = 1006, reason = 'abrupt'): void {
    if (this.isClosed) return;
    this.isClosed = true;
    this.subscriber?.next({ kind: 'close', code, reason });
    this.subscriber?.complete();
  }

  fail(error: Error): void {
    if (this.isClosed) return;
    this.isClosed = true;
    this.subscriber?.error(error);
  }
}
