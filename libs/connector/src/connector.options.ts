import type { SchedulerLike } from 'rxjs';
import type { SnapshotBudget } from './book/snapshot-budget';
import type { ConnectorMetrics } from './connector.metrics';
import type { ClockPort } from './ports/clock.port';
import type { RestPort } from './ports/rest.port';
import type { SocketData, SocketOpenOptions, SocketPort } from './ports/socket.port';
import type { ChannelKind, ChannelSubscription } from './protocol/channel-subscription';
import type { ConnectorProtocol } from './protocol/connector-protocol';

/** A frame that could not be parsed, kept with its raw payload (→ Kafka md.deadletter). */
export interface DeadLetter {
  readonly exchange: string;
  readonly connectionId: string;
  readonly raw: SocketData;
  readonly error: string;
  readonly localTs: number;
}

/** Connection-level status events use this symbol: they concern no single instrument. */
export const CONNECTION_SYMBOL = '*';

export interface ConnectorActorOptions {
  readonly protocol: ConnectorProtocol;
  readonly subscriptions: readonly ChannelSubscription[];
  readonly socket: SocketPort;
  /** Connection number within the exchange (shard index); names the actor `exchange#shard`. */
  readonly shard?: number;
  /** Overrides `protocol.url(shard)`, e.g. to point at the emulator. */
  readonly url?: string;
  readonly rest?: RestPort;
  readonly budget?: SnapshotBudget;
  readonly scheduler?: SchedulerLike;
  readonly clock?: ClockPort;
  readonly metrics?: ConnectorMetrics;
  readonly socketOptions?: SocketOpenOptions;
  /** Quiet threshold per channel before a (channel, symbol) is flagged stale; default 60 s. */
  readonly channelQuietMs?: number | Partial<Record<ChannelKind, number>>;
  /** How often the watchdogs look; default a quarter of the tightest limit, 10 ms..1 s. */
  readonly watchdogTickMs?: number;
  /** Time allowed from open() to the socket being open; default 10 s. */
  readonly connectTimeoutMs?: number;
  /** Deltas buffered per symbol during a resync; default 10,000. */
  readonly maxBookBuffer?: number;
  /** Wait before retrying a failed REST snapshot; default 1 s. */
  readonly snapshotRetryMs?: number;
  /** Bound on queued subscribe/unsubscribe frames per connection; default 10,000. */
  readonly maxOutboundQueue?: number;
  /**
   * Frames larger than this (bytes, UTF-16 units for text) are not parsed: they are counted
   * and dead-lettered (raw cut to 64 KiB) and the connection goes on; default 1 MiB.
   */
  readonly maxFrameBytes?: number;
}
