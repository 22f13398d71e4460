import type { ApiKeyStore } from './api-key.store';

export type Channel = 'trades' | 'book' | 'bbo' | 'candles' | 'nbbo' | 'alerts' | 'status';

export interface Selector {
  readonly channel: Channel;
  readonly symbol?: string;
  readonly exchange?: string;
  readonly interval?: string;
}

/** `{"op":"data",…}` from the gateway; `data` is the DESIGN.md JSON form (or an nbbo). */
export interface DataMessage {
  readonly op: 'data';
  readonly channel: Channel;
  readonly data: Record<string, unknown>;
  readonly amended?: boolean;
  readonly revision?: number;
}

export type SocketState = 'connecting' | 'open' | 'closed';

const MAX_BACKOFF_MS = 10_000;

const keyOf = (s: Selector) =>
  `${s.channel}|${s.symbol ?? ''}|${s.exchange ?? ''}|${s.interval ?? ''}`;

/**
 * One WebSocket to the gateway for the whole page. Subscriptions are remembered and replayed
 * after a reconnect (with exponential backoff), so views subscribe once and forget.
 */
export class FeedSocket {
  private socket: WebSocket | null = null;
  private readonly subs = new Map<string, Selector>();
  private readonly dataListeners = new Set<(m: DataMessage) => void>();
  private readonly stateListeners = new Set<(s: SocketState, detail: string) => void>();
  private backoffMs = 500;
  private retry: number | undefined;
  private stopped = false;

  constructor(private readonly keys: ApiKeyStore) {}

  connect(): void {
    this.stopped = false;
    window.clearTimeout(this.retry);
    this.socket?.close();
    const proto = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
    const url = `${proto}//${window.location.host}/ws?apiKey=${encodeURIComponent(this.keys.key)}`;
    const socket = new WebSocket(url);
    this.socket = socket;
    this.emitState('connecting', '');
    socket.onopen = () => {
      this.backoffMs = 500;
      this.emitState('open', '');
      for (const s of this.subs.values()) this.send({ op: 'subscribe', ...s });
    };
    socket.onmessage = (ev) => this.receive(ev.data);
    socket.onclose = (ev) => {
      if (this.socket !== socket) return; // replaced by a newer connect()
      this.socket = null;
      this.emitState('closed', ev.reason || `code ${ev.code}`);
      if (this.stopped) return;
      this.retry = window.setTimeout(() => this.connect(), this.backoffMs);
      this.backoffMs = Math.min(MAX_BACKOFF_MS, this.backoffMs * 2);
    };
  }

  close(): void {
    this.stopped = true;
    window.clearTimeout(this.retry);
    this.socket?.close();
  }

  subscribe(s: Selector): void {
    const key = keyOf(s);
    if (this.subs.has(key)) return;
    this.subs.set(key, s);
    this.send({ op: 'subscribe', ...s });
  }

  unsubscribe(s: Selector): void {
    if (!this.subs.delete(keyOf(s))) return;
    this.send({ op: 'unsubscribe', ...s });
  }

  onData(listener: (m: DataMessage) => void): void {
    this.dataListeners.add(listener);
  }

  onState(listener: (s: SocketState, detail: string) => void): void {
    this.stateListeners.add(listener);
  }

  private send(message: Record<string, unknown>): void {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(message));
  }

  private receive(raw: unknown): void {
    if (typeof raw !== 'string') return;
    let message: { op?: unknown; reason?: unknown };
    try {
      message = JSON.parse(raw) as typeof message;
    } catch {
      return;
    }
    if (message.op === 'data') {
      for (const l of this.dataListeners) l(message as DataMessage);
    } else if (message.op === 'error') {
      this.emitState('open', `gateway: ${String(message.reason)}`);
    }
  }

  private emitState(state: SocketState, detail: string): void {
    for (const l of this.stateListeners) l(state, detail);
  }
}
