import type {
  BookRules,
  ChannelSubscription,
  ConnectionLimits,
  ConnectorProtocol,
  ControlFrame,
  HeartbeatRules,
  ParseResult,
  SocketData,
} from '@feedgate/connector';
import type { ControlKind, ExchangeParser } from '../exchange-parser';
import type { ExchangeSpec, Subscription } from '../spec/exchange-spec';
import { frameChecksum } from './frame-checksum';
import type { ProtocolOptions } from './protocol-options';
import { overrideUrl } from './protocol-urls';

const CONTROL_TYPES: Readonly<Record<ControlKind, ControlFrame['type']>> = {
  ack: 'subscribed',
  heartbeat: 'heartbeat',
  pong: 'pong',
  info: 'info',
  error: 'error',
};

const SPEC_CHANNELS: Readonly<Record<string, Subscription['channel'] | undefined>> = {
  trade: 'trades',
  book: 'book',
  bbo: 'bbo',
};

export interface SpecProtocolConfig {
  readonly spec: ExchangeSpec;
  readonly parser: ExchangeParser;
  readonly options?: ProtocolOptions;
  /** Order-book rules (snapshot source, continuity, checksum); absent = no book sync. */
  readonly book?: BookRules;
  /** The exchange puts a `"checksum":<int>` into book frames (OKX, Kraken). */
  readonly checksumInFrame?: boolean;
}

/**
 * Adapts one exchange's declarative spec and generated parser to the connector's
 * `ConnectorProtocol`: subscribe frames from the spec's builders, heartbeat rules from the
 * spec's heartbeat, limits, URL overrides, parse results mapped to the connector's shape.
 *
 * One parser serves every shard of the exchange (the contract has no per-connection hook);
 * that is sound for the frames used here, whose parse keeps no cross-frame state (Kraken v1
 * channel ids would need one parser per connection).
 */
export class SpecConnectorProtocol implements ConnectorProtocol {
  readonly exchange: string;
  readonly limits: ConnectionLimits;
  readonly heartbeat: HeartbeatRules;
  readonly maxSilenceMs: number;
  readonly book: BookRules | undefined;
  private readonly wsUrl: string;
  private reqId = 1;

  constructor(private readonly config: SpecProtocolConfig) {
    const { spec, options = {} } = config;
    this.exchange = spec.id;
    this.book = config.book;
    this.wsUrl = overrideUrl(spec.endpoints.ws, options.urls?.ws);
    this.limits = {
      maxSubscriptionsPerConnection: spec.limits.maxTopicsPerConnection,
      subscribeMessagesPerSecond: spec.limits.subscribeMessagesPerSecond,
      maxSubscriptionsPerMessage: spec.limits.maxTopicsPerMessage,
    };
    this.maxSilenceMs = options.maxSilenceMs ?? spec.heartbeat.timeoutMs;
    this.heartbeat = heartbeatRules(spec, options);
  }

  url(): string {
    return this.wsUrl;
  }

  buildSubscribe(batch: readonly ChannelSubscription[]): SocketData | readonly SocketData[] {
    return this.frames(this.config.spec.subscribe.subscribeMessage(topics(batch), this.nextId()));
  }

  buildUnsubscribe(batch: readonly ChannelSubscription[]): SocketData | readonly SocketData[] {
    return this.frames(this.config.spec.subscribe.unsubscribeMessage(topics(batch), this.nextId()));
  }

  parse(frame: SocketData, localTs: number): ParseResult {
    const raw =
      typeof frame === 'string'
        ? frame
        : Buffer.from(frame.buffer, frame.byteOffset, frame.byteLength);
    const result = this.config.parser.parse(raw, localTs);
    if (result.kind === 'error') return { kind: 'error', error: result.error };
    if (result.kind === 'control') {
      return {
        kind: 'control',
        control: { type: CONTROL_TYPES[result.control], message: result.detail },
      };
    }
    if (!this.config.checksumInFrame || !result.events.some((e) => e.type === 'book')) {
      return { kind: 'events', events: result.events };
    }
    const text = typeof raw === 'string' ? raw : raw.toString('utf8');
    return { kind: 'events', events: result.events, checksum: frameChecksum(text) };
  }

  private nextId(): number {
    const id = this.reqId;
    this.reqId = this.reqId >= 2_000_000_000 ? 1 : this.reqId + 1;
    return id;
  }

  /** One JSON text frame per message (the builder returns an array when it needs several). */
  private frames(message: unknown): SocketData | readonly SocketData[] {
    return Array.isArray(message) ? message.map((m) => JSON.stringify(m)) : JSON.stringify(message);
  }
}

function topics(batch: readonly ChannelSubscription[]): Subscription[] {
  const out: Subscription[] = [];
  for (const sub of batch) {
    const channel = SPEC_CHANNELS[sub.channel];
    // Channels the spec has no topic for (candles) are not requested from the exchange.
    if (channel) out.push({ channel, nativeSymbol: sub.nativeSymbol });
  }
  return out;
}

function heartbeatRules(spec: ExchangeSpec, options: ProtocolOptions): HeartbeatRules {
  const hb = spec.heartbeat;
  if (hb.mode === 'server') return { mode: 'server' };
  const intervalMs = options.heartbeatIntervalMs ?? hb.intervalMs;
  const pongTimeoutMs = options.pongTimeoutMs ?? Math.min(10_000, intervalMs);
  if (hb.ping === 'frame') return { mode: 'protocol', intervalMs, pongTimeoutMs };
  const text = hb.ping;
  return { mode: 'app', intervalMs, pongTimeoutMs, message: () => text };
}
