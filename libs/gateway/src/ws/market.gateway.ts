import type { IncomingMessage } from 'node:http';
import { Logger, type OnModuleDestroy } from '@nestjs/common';
import { type OnGatewayConnection, type OnGatewayInit, WebSocketGateway } from '@nestjs/websockets';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { ApiKeyService } from '../auth/api-key.service';
import type { Principal } from '../auth/api-key.model';
import { presentedKey } from '../auth/api-key.guard';
import { GatewayConfig } from '../config/gateway.config';
import { type ChannelSelector, selectorKey } from '../upstream/market-channel';
import { MarketFeed } from '../upstream/market-feed.service';
import { ClientSession, type GatewayServer, type GatewaySocket } from './client-session.socket';
import { ClientMessageDto } from './client-message.dto';
import { CLOSE_RATE_LIMITED, CLOSE_UNAUTHORIZED } from './close-codes';
import { SessionRegistry } from './session.registry';

interface VerifyInfo {
  readonly req: IncomingMessage;
}
type VerifyCallback = (ok: boolean, code?: number, message?: string) => void;

/**
 * Trader WebSocket gateway at /ws. Auth happens at the HTTP upgrade: no valid API key
 * (`x-api-key` header or `?apiKey=`) → the upgrade is refused with 401. Protocol (JSON text):
 *   → {"op":"subscribe"|"unsubscribe","channel":…,"symbol":…,"exchange"?,"interval"?} | {"op":"ping"}
 *   ← {"op":"subscribed"|"unsubscribed",…selector} | {"op":"pong"} | {"op":"error","reason":…}
 *   ← {"op":"data","channel":…,"data":<JSON form event | consolidated BBO>} (candles add
 *      "amended","revision")
 * Bad messages get an error and the socket stays open; see ClientSession for slow clients.
 */
@WebSocketGateway({ path: '/ws' })
export class MarketGateway implements OnGatewayInit, OnGatewayConnection, OnModuleDestroy {
  private readonly logger = new Logger(MarketGateway.name);
  /** Principal resolved at the upgrade, picked up by handleConnection (same request). */
  private readonly principals = new WeakMap<IncomingMessage, Principal>();
  private heartbeat: NodeJS.Timeout | undefined;
  private stopRevocations: (() => void) | undefined;

  constructor(
    private readonly config: GatewayConfig,
    private readonly keys: ApiKeyService,
    private readonly feed: MarketFeed,
    private readonly registry: SessionRegistry,
  ) {}

  afterInit(server: GatewayServer): void {
    // The ws server is created by the adapter before config is known; its options are read
    // per upgrade, so setting them here applies to every connection.
    const options = server.options as { verifyClient?: unknown; maxPayload?: number };
    options.maxPayload = this.config.maxPayloadBytes;
    options.verifyClient = (info: VerifyInfo, done: VerifyCallback) => {
      const principal = this.keys.verify(keyOf(info.req));
      if (!principal) {
        this.registry.rejectedUpgrades++;
        done(false, 401, 'Unauthorized');
        return;
      }
      this.principals.set(info.req, principal);
      done(true);
    };
    // Half-open TCP connections (a laptop lid closed) never say goodbye: ping, and drop
    // whoever did not answer the previous ping.
    this.heartbeat = setInterval(() => this.beat(), this.config.heartbeatMs);
    this.heartbeat.unref();
    // A revoked key (here or on another instance) must not keep streaming on open sockets.
    this.stopRevocations = this.keys.onRevoked((keyId) => {
      for (const session of this.registry.sessions) {
        if (session.principal.keyId === keyId) session.close(CLOSE_UNAUTHORIZED, 'API key revoked');
      }
    });
  }

  onModuleDestroy(): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = undefined;
    this.stopRevocations?.();
    this.stopRevocations = undefined;
  }

  private beat(): void {
    for (const session of this.registry.sessions) {
      if (!session.alive) {
        this.registry.deadDisconnects++;
        session.socket.terminate();
        continue;
      }
      session.alive = false;
      session.socket.ping();
    }
  }

  handleConnection(socket: GatewaySocket, req: IncomingMessage): void {
    const principal = this.principals.get(req) ?? this.keys.verify(keyOf(req));
    if (!principal) {
      socket.close(CLOSE_UNAUTHORIZED, 'missing or invalid API key');
      return;
    }
    const session = new ClientSession(socket, principal, this.config, this.registry.counters);
    this.registry.sessions.add(session);
    socket.on('message', (data: Buffer, isBinary: boolean) =>
      this.onMessage(session, data, isBinary),
    );
    socket.on('pong', () => (session.alive = true));
    socket.once('close', () => this.cleanup(session));
  }

  private cleanup(session: ClientSession): void {
    for (const selector of session.subscriptions.values()) this.feed.unsubscribe(session, selector);
    session.subscriptions.clear();
    session.dispose();
    this.registry.sessions.delete(session);
  }

  private onMessage(session: ClientSession, data: Buffer, isBinary: boolean): void {
    if (session.isClosed) return;
    if (!session.bucket.take()) {
      session.rateViolations++;
      if (session.rateViolations > this.config.maxRateViolations) {
        this.registry.rateLimitDisconnects++;
        session.close(CLOSE_RATE_LIMITED, 'rate limit exceeded repeatedly');
      } else {
        session.reply({
          op: 'error',
          reason: `rate limit exceeded (${this.config.inboundRatePerSec} msgs/s)`,
        });
      }
      return;
    }
    const message = isBinary ? undefined : parse(data);
    if (typeof message === 'string') return this.refuse(session, message);
    if (message === undefined) return this.refuse(session, 'binary messages are not supported');
    const dto = plainToInstance(ClientMessageDto, message);
    const errors = validateSync(dto, { whitelist: true, forbidNonWhitelisted: true });
    if (errors.length > 0) {
      const reason = errors.flatMap((e) => Object.values(e.constraints ?? {})).join('; ');
      return this.refuse(session, reason || 'invalid message');
    }
    if (dto.op === 'ping') return session.reply({ op: 'pong' });
    if (dto.interval !== undefined && dto.channel !== 'candles') {
      return this.refuse(session, 'interval is only valid for the candles channel');
    }
    const selector: ChannelSelector = {
      channel: dto.channel,
      symbol: dto.symbol,
      exchange: dto.exchange,
      interval: dto.interval,
    };
    if (dto.op === 'subscribe') this.subscribe(session, selector);
    else this.unsubscribe(session, selector);
  }

  private subscribe(session: ClientSession, selector: ChannelSelector): void {
    const key = selectorKey(selector);
    if (!session.subscriptions.has(key)) {
      if (session.subscriptions.size >= this.config.maxSubscriptionsPerClient) {
        return this.refuse(
          session,
          `subscription limit reached (${this.config.maxSubscriptionsPerClient} per client)`,
        );
      }
      session.subscriptions.set(key, selector);
      session.reply({ op: 'subscribed', ...selector });
      for (const initial of this.feed.subscribe(session, selector)) session.deliver(initial);
      return;
    }
    session.reply({ op: 'subscribed', ...selector });
  }

  private unsubscribe(session: ClientSession, selector: ChannelSelector): void {
    const key = selectorKey(selector);
    if (!session.subscriptions.delete(key)) return this.refuse(session, 'not subscribed');
    this.feed.unsubscribe(session, selector);
    session.reply({ op: 'unsubscribed', ...selector });
  }

  private refuse(session: ClientSession, reason: string): void {
    this.registry.invalidMessages++;
    session.reply({ op: 'error', reason });
  }
}

function keyOf(req: IncomingMessage): string | undefined {
  const fromHeader = presentedKey(req.headers);
  if (fromHeader) return fromHeader;
  // Browsers cannot set headers on a WebSocket: ?apiKey= is the documented alternative.
  const url = new URL(req.url ?? '/', 'http://localhost');
  return url.searchParams.get('apiKey') ?? undefined;
}

/** JSON object of a text frame, or the reason it is not one. */
function parse(data: Buffer): object | string {
  let value: unknown;
  try {
    value = JSON.parse(data.toString('utf8'));
  } catch {
    return 'invalid JSON';
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return 'a message must be a JSON object';
  }
  return value;
}
