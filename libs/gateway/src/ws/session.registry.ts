import { Injectable } from '@nestjs/common';
import type { ClientSession, SessionCounters } from './client-session.socket';

/** Live WebSocket sessions and the counters they share (read by /metrics and /admin). */
@Injectable()
export class SessionRegistry {
  readonly sessions = new Set<ClientSession>();
  readonly counters: SessionCounters = { sent: 0, conflated: 0, queued: 0, slowDisconnects: 0 };
  rateLimitDisconnects = 0;
  rejectedUpgrades = 0;
  invalidMessages = 0;
  deadDisconnects = 0;

  subscriptionCount(): number {
    let n = 0;
    for (const s of this.sessions) n += s.subscriptions.size;
    return n;
  }

  /** Bytes written to client sockets and not yet handed to the kernel (ws bufferedAmount). */
  bufferedBytes(): number {
    let n = 0;
    for (const s of this.sessions) n += s.socket.bufferedAmount;
    return n;
  }

  backlog(): number {
    let n = 0;
    for (const s of this.sessions) n += s.backlog;
    return n;
  }
}
