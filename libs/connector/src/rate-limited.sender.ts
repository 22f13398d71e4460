import type { SchedulerLike, Subscription } from 'rxjs';
import type { SocketData } from './ports/socket.port';

interface Outgoing {
  readonly data: SocketData;
  readonly onSent: (() => void) | undefined;
}

/**
 * Sends control frames (subscribe, unsubscribe) on one connection no faster than the
 * exchange allows: at most `perSecond` frames, evenly spaced, first one immediately.
 * The queue is bounded; frames beyond it are dropped and reported through `onDrop`.
 */
export class RateLimitedSender {
  private queue: Outgoing[] = [];
  private nextAt = Number.NEGATIVE_INFINITY;
  private pending: Subscription | undefined;
  private readonly spacingMs: number;

  constructor(
    private readonly send: (data: SocketData) => boolean,
    perSecond: number,
    private readonly scheduler: SchedulerLike,
    private readonly maxQueue: number,
    private readonly onDrop: () => void,
  ) {
    this.spacingMs = perSecond > 0 ? 1000 / perSecond : 0;
  }

  get queued(): number {
    return this.queue.length;
  }

  enqueue(data: SocketData, onSent?: () => void): boolean {
    if (this.queue.length >= this.maxQueue) {
      this.onDrop();
      return false;
    }
    this.queue.push({ data, onSent });
    this.pump();
    return true;
  }

  dispose(): void {
    this.pending?.unsubscribe();
    this.pending = undefined;
    this.queue = [];
  }

  private pump(): void {
    if (this.pending) return;
    while (this.queue.length > 0) {
      const now = this.scheduler.now();
      if (now < this.nextAt) {
        this.pending = this.scheduler.schedule(() => {
          this.pending = undefined;
          this.pump();
        }, this.nextAt - now);
        return;
      }
      const item = this.queue.shift() as Outgoing;
      this.nextAt = now + this.spacingMs;
      if (!this.send(item.data)) this.onDrop();
      item.onSent?.();
    }
  }
}
