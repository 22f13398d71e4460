import type {
  BookRules,
  ChannelSubscription,
  ConnectionLimits,
  ConnectorProtocol,
  HeartbeatRules,
  ProtocolSession,
  SocketData,
} from '@feedgate/connector';
import type { ExchangeParser } from '../exchange-parser';
import type { ExchangeSpec, Subscription } from '../spec/exchange-spec';
import type { ProtocolOptions } from './protocol-options';
import { overrideUrl } from './protocol-urls';
import { SpecProtocolSession, type EventRewrite } from './spec-protocol.session';

const SPEC_CHANNELS: Readonly<Record<string, Subscription['channel'] | undefined>> = {
  trade: 'trades',
  book: 'book',
  bbo: 'bbo',
};

export interface SpecProtocolConfig {
  readonly spec: ExchangeSpec;
  /** A NEW generated parser; called once per connection (parsers keep per-connection state). */
  readonly createParser: () => ExchangeParser;
  readonly options?: ProtocolOptions;
  /** Order-book rules (snapshot source, continuity, checksum); absent = no book sync. */
  readonly book?: BookRules;
  /** The exchange puts a `"checksum":<int>` into book frames (OKX, Kraken). */
  readonly checksumInFrame?: boolean;
  /** Rewrites a frame's parsed events (e.g. Bybit's orderbook.1 book into a bbo). */
  readonly rewrite?: EventRewrite;
}

/**
 * Adapts one exchange's declarative spec and generated parser to the connector's
 * `ConnectorProtocol`: subscribe frames from the spec's builders, heartbeat rules from the
 * spec's heartbeat, limits, URL overrides, parse results mapped to the connector's shape.
 * Every connection gets its own session with a fresh parser (`createSession`).
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

  createSession(): ProtocolSession {
    const { createParser, checksumInFrame = false, rewrite } = this.config;
    return new SpecProtocolSession(createParser(), checksumInFrame, rewrite);
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
