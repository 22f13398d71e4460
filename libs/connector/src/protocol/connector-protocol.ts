import type { UnifiedEvent } from '@feedgate/core';
import type { SocketData } from '../ports/socket.port';
import type { ChannelSubscription } from './channel-subscription';
import type { BookRules } from './book-rules';

/** Non-data frames; the connector acts on `pong`, `ping` (with reply) and `error`. */
export interface ControlFrame {
  readonly type: 'pong' | 'ping' | 'heartbeat' | 'subscribed' | 'unsubscribed' | 'info' | 'error';
  /** A frame to send back (e.g. an app-level pong answering a server ping). */
  readonly reply?: SocketData;
  readonly message?: string;
}

export type ParseResult =
  | {
      readonly kind: 'events';
      readonly events: readonly UnifiedEvent[];
      /** Exchange-sent checksum of the book AFTER this frame's book event (OKX, Kraken). */
      readonly checksum?: number;
    }
  | { readonly kind: 'control'; readonly control: ControlFrame }
  | { readonly kind: 'error'; readonly error: Error };

export interface ConnectionLimits {
  /** Most (channel, symbol) subscriptions one connection may carry. */
  readonly maxSubscriptionsPerConnection: number;
  /** Subscribe/unsubscribe messages per second per connection. */
  readonly subscribeMessagesPerSecond: number;
  /** Most subscriptions batched into one subscribe message (message-size limit). */
  readonly maxSubscriptionsPerMessage: number;
}

export type HeartbeatRules =
  /** The client sends `message()` every `intervalMs`; `parse` reports the answer as a `pong`. */
  | {
      readonly mode: 'app';
      readonly intervalMs: number;
      readonly pongTimeoutMs: number;
      message(): SocketData;
    }
  /** The client sends protocol-level pings every `intervalMs` and expects protocol pongs. */
  | { readonly mode: 'protocol'; readonly intervalMs: number; readonly pongTimeoutMs: number }
  /** The server pings (or streams heartbeats); the client only watches for silence. */
  | { readonly mode: 'server' };

/**
 * The parsing state of ONE connection. Some protocols keep state across frames (Kraken v1
 * and Bitfinex map numeric channel ids announced on subscribe), so every connection — every
 * shard and every reconnect — gets a fresh one: no two connections ever share it.
 */
export interface ProtocolSession {
  /** One frame of this connection, in arrival order. Never throws (errors are results). */
  parse(frame: SocketData, localTs: number): ParseResult;
}

/**
 * The small contract an exchange plugs into the connector. Spec-generated exchange modules
 * adapt to this: it only names what the connector must do on the wire, nothing about fields.
 */
export interface ConnectorProtocol {
  readonly exchange: string;
  /** WebSocket URL for connection number `shard` (URL overrides point it at the emulator). */
  url(shard: number): string;
  readonly limits: ConnectionLimits;
  /**
   * Subscribe / unsubscribe frames for one batch. Several frames when the exchange takes one
   * channel per request (Kraken v2); each frame counts against the subscribe rate limit.
   */
  buildSubscribe(batch: readonly ChannelSubscription[]): SocketData | readonly SocketData[];
  buildUnsubscribe(batch: readonly ChannelSubscription[]): SocketData | readonly SocketData[];
  readonly heartbeat: HeartbeatRules;
  /** A connection with no frame at all (data, heartbeat, pong, ping) for this long is dead. */
  readonly maxSilenceMs: number;
  /** A fresh parsing session; the connector calls it once per connection it opens. */
  createSession(): ProtocolSession;
  /** Present when the exchange has order books that need snapshot + delta sync. */
  readonly book?: BookRules;
}
