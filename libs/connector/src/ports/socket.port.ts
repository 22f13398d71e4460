import type { Observable } from 'rxjs';

/** A payload as it came off the wire: text frames stay strings, binary frames stay bytes. */
export type SocketData = string | Uint8Array;

/**
 * What one socket connection reports. The stream COMPLETES after `close` (orderly or abrupt
 * close) and ERRORS on a transport error, so RxJS operators (retry, finalize) see the
 * connection's life directly. Protocol-level ping/pong are visible because a feed that only
 * sends protocol pings is still alive.
 */
export type SocketEvent =
  | { readonly kind: 'open' }
  | { readonly kind: 'message'; readonly data: SocketData }
  | { readonly kind: 'ping' }
  | { readonly kind: 'pong' }
  | { readonly kind: 'close'; readonly code: number; readonly reason: string };

export interface SocketOpenOptions {
  /** Extra HTTP headers for the upgrade request (auth, user agent). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Largest frame accepted, bytes; bigger frames close the connection (ws `maxPayload`). */
  readonly maxPayloadBytes?: number;
}

/** One connection. Nothing happens until `events$` is subscribed; unsubscribing terminates it. */
export interface SocketConnection {
  readonly events$: Observable<SocketEvent>;
  /** Sends a frame; returns false when the socket is not open (the frame is not queued). */
  send(data: SocketData): boolean;
  /** Sends a protocol-level ping; returns false when the socket is not open. */
  ping(): boolean;
  close(code?: number, reason?: string): void;
}

/** Opens WebSocket-like connections. Domain code depends on this port, never on `ws`. */
export interface SocketPort {
  open(url: string, options?: SocketOpenOptions): SocketConnection;
}
