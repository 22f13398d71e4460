import type { WebSocket } from 'ws';
import type { DialectConnection, TopicSubscription } from '../dialects/exchange-dialect';
import { TextFrameBatch } from './text-frame.batch';

/**
 * A slow client is cut off (as real exchanges do) before its send buffer plus the frames held
 * for it would grow past this.
 */
export const MAX_BUFFERED_BYTES = 64 * 1024 * 1024;
/** Subscriptions per connection: a bound, well above every exchange's own limit. */
const MAX_SUBSCRIPTIONS = 10_000;

/** The byte stream under the WebSocket (the upgraded TCP socket), for held frames. */
export interface FrameStream {
  write(chunk: Buffer): boolean;
}

/**
 * One client WebSocket with the state faults act on. Every frame goes through `send`, which
 * applies the connection's faults: a stalled connection sends nothing (pings included), a
 * duplicating one sends each frame twice. `hold` / `release` bracket a market tick so its
 * frames, each still its own WebSocket frame in order, reach the socket in one write.
 */
export class ClientConnection implements DialectConnection {
  private readonly subs = new Map<string, TopicSubscription>();
  private readonly bySymbol = new Map<string, TopicSubscription[]>();
  stalledUntil = 0;
  duplicateRemaining = 0;
  framesSent = 0;
  bytesSent = 0;
  framesReceived = 0;
  private held = false;
  private readonly heldFrames = new TextFrameBatch();

  constructor(
    readonly id: string,
    readonly mode: string,
    readonly socket: WebSocket,
    /** The socket `socket` writes to; held frames go to it directly, already framed. */
    private readonly stream: FrameStream,
    private readonly now: () => number,
    /** Client-chosen tag from the upgrade URL (`?replica=A`): lets faults target one replica. */
    readonly replica: string | undefined = undefined,
  ) {}

  get open(): boolean {
    return this.socket.readyState === this.socket.OPEN;
  }

  stalled(): boolean {
    // Most connections never stall: skip the clock read for them (it was once per frame).
    return this.stalledUntil !== 0 && this.stalledUntil > this.now();
  }

  /** Sends a frame unless stalled; returns whether it went out. */
  send(text: string): boolean {
    if (!this.open || this.stalled()) return false;
    if (this.socket.bufferedAmount + this.heldFrames.bytes > MAX_BUFFERED_BYTES) {
      this.destroy();
      return false;
    }
    this.emit(text);
    this.framesSent++;
    this.bytesSent += text.length;
    if (this.duplicateRemaining > 0) {
      this.duplicateRemaining--;
      this.emit(text);
      this.framesSent++;
      this.bytesSent += text.length;
    }
    return true;
  }

  /**
   * Holds the frames sent from now on until `release` (a write per frame was the emulator's
   * largest cost). Idempotent. Held bytes count against MAX_BUFFERED_BYTES.
   */
  hold(): void {
    this.held = true;
  }

  /** Writes the held frames, in order, in one write (none if the connection closed meanwhile). */
  release(): void {
    if (!this.held) return;
    this.held = false;
    if (this.heldFrames.count === 0) return;
    if (this.open) this.stream.write(this.heldFrames.take());
    else this.heldFrames.clear();
  }

  private emit(text: string): void {
    if (this.held) this.heldFrames.add(text);
    else this.socket.send(text);
  }

  ping(): void {
    if (this.open && !this.stalled()) this.socket.ping();
  }

  /** Abrupt close: the TCP socket is destroyed, no close frame (the client sees 1006). */
  destroy(): void {
    this.socket.terminate();
  }

  subscribe(sub: TopicSubscription): boolean {
    if (this.subs.has(sub.topic) || this.subs.size >= MAX_SUBSCRIPTIONS) return false;
    this.subs.set(sub.topic, sub);
    const list = this.bySymbol.get(sub.nativeSymbol);
    if (list) list.push(sub);
    else this.bySymbol.set(sub.nativeSymbol, [sub]);
    return true;
  }

  unsubscribe(topic: string): boolean {
    const sub = this.subs.get(topic);
    if (!sub) return false;
    this.subs.delete(topic);
    const list = (this.bySymbol.get(sub.nativeSymbol) ?? []).filter((s) => s !== sub);
    if (list.length > 0) this.bySymbol.set(sub.nativeSymbol, list);
    else this.bySymbol.delete(sub.nativeSymbol);
    return true;
  }

  subscriptions(): TopicSubscription[] {
    return [...this.subs.values()];
  }

  subscriptionsOf(nativeSymbol: string): readonly TopicSubscription[] {
    return this.bySymbol.get(nativeSymbol) ?? [];
  }

  hasSymbol(nativeSymbol: string): boolean {
    return this.bySymbol.has(nativeSymbol);
  }
}
