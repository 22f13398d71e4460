import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { DialectMarkets, ExchangeDialect } from '../dialects/exchange-dialect';
import type { GroundTruthRecorder } from '../ground-truth/ground-truth.recorder';
import type { ExchangeMarket } from '../market/exchange-market';
import type { MarketBatch } from '../market/market-event';
import { ClientConnection } from './client.connection';
import { TickPublisher } from './tick.publisher';

/** Largest client frame accepted (subscribe messages are small). */
const MAX_CLIENT_PAYLOAD = 1024 * 1024;

export interface ExchangeServerStatus {
  readonly exchange: string;
  readonly connections: number;
  readonly subscriptions: number;
  readonly framesSent: number;
  readonly refusedConnections: number;
  readonly acceptedConnections: number;
  readonly restRequests: number;
  readonly refusing: boolean;
  readonly rateLimited: boolean;
  readonly topics: string[];
  /** Open connections with their `?replica=` tag, stall state and subscribed normalized symbols. */
  readonly clients: ClientStatus[];
}

export interface ClientStatus {
  readonly id: string;
  readonly replica: string | null;
  readonly stalled: boolean;
  /** Normalized symbols per channel (`trades`, `book`, `bbo`). */
  readonly channels: Record<string, string[]>;
}

/**
 * One exchange on loopback: an HTTP server for REST snapshots whose upgrade requests become
 * WebSocket connections speaking the exchange's dialect. Fans market batches out to the
 * subscribed connections and tells the ground truth what went out on at least one of them.
 */
export class ExchangeServer {
  readonly connections = new Set<ClientConnection>();
  private readonly http: Server;
  private readonly wss = new WebSocketServer({
    noServer: true,
    autoPong: false, // a stalled connection must not even answer pings
    maxPayload: MAX_CLIENT_PAYLOAD,
    perMessageDeflate: false,
  });
  private heartbeatTimer: NodeJS.Timeout | undefined;
  private nextConnId = 1;
  private refuseUntil = 0;
  private rateLimitUntil = 0;
  private framesSentTotal = 0;
  private refused = 0;
  private accepted = 0;
  private restRequests = 0;
  private readonly markets: DialectMarkets;
  private readonly publisher: TickPublisher;
  port = 0;

  constructor(
    readonly dialect: ExchangeDialect,
    readonly market: ExchangeMarket,
    private readonly truth: GroundTruthRecorder,
    private readonly host = '127.0.0.1',
  ) {
    this.http = createServer((req, res) => this.onRequest(req, res));
    this.http.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) =>
      this.onUpgrade(req, socket, head),
    );
    this.publisher = new TickPublisher(dialect, market, truth, this.connections);
    this.markets = {
      get: (native) => this.market.get(native),
      snapshotServed: (native) => {
        const m = this.market.get(native);
        if (m) this.truth.snapshotServed(this.dialect.id, m.options.symbol);
      },
      tradeSent: (native, id) => {
        const m = this.market.get(native);
        if (m) this.truth.tradeSent(this.dialect.id, m.options.symbol, id);
      },
      now: () => Date.now(),
    };
  }

  get wsUrl(): string {
    return `ws://${this.host}:${this.port}`;
  }

  get restUrl(): string {
    return `http://${this.host}:${this.port}`;
  }

  async listen(port: number): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.http.once('error', reject);
      this.http.listen(port, this.host, () => {
        this.http.off('error', reject);
        resolve();
      });
    });
    const addr = this.http.address();
    this.port = typeof addr === 'object' && addr ? addr.port : port;
    const hb = this.dialect.heartbeat;
    if (hb) {
      this.heartbeatTimer = setInterval(() => {
        const now = Date.now();
        for (const c of this.connections) {
          if (hb.kind === 'ping-frame') c.ping();
          else for (const f of hb.frames(c, this.markets, now)) c.send(f);
        }
      }, hb.intervalMs);
    }
  }

  async stop(): Promise<void> {
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    this.heartbeatTimer = undefined;
    for (const c of this.connections) c.destroy();
    this.connections.clear();
    this.wss.close();
    this.http.closeAllConnections();
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }

  /** Sends one tick's batches to every subscribed connection (see TickPublisher). */
  publish(batches: readonly MarketBatch[]): void {
    this.publisher.publish(batches);
  }

  /** Connections, optionally only those subscribed to `nativeSymbol` and/or tagged `replica`. */
  targets(nativeSymbol?: string, replica?: string): ClientConnection[] {
    return [...this.connections].filter(
      (c) =>
        (nativeSymbol === undefined || c.hasSymbol(nativeSymbol)) &&
        (replica === undefined || c.replica === replica),
    );
  }

  refuseFor(ms: number): void {
    this.refuseUntil = Date.now() + ms;
  }

  rateLimitFor(ms: number): void {
    this.rateLimitUntil = Date.now() + ms;
  }

  status(): ExchangeServerStatus {
    const topics = new Set<string>();
    let subscriptions = 0;
    for (const c of this.connections) {
      for (const s of c.subscriptions()) {
        topics.add(s.topic);
        subscriptions++;
      }
    }
    return {
      exchange: this.dialect.id,
      connections: this.connections.size,
      subscriptions,
      framesSent:
        this.framesSentTotal + [...this.connections].reduce((n, c) => n + c.framesSent, 0),
      refusedConnections: this.refused,
      acceptedConnections: this.accepted,
      restRequests: this.restRequests,
      refusing: this.refuseUntil > Date.now(),
      rateLimited: this.rateLimitUntil > Date.now(),
      topics: [...topics].sort(),
      clients: [...this.connections].map((c) => this.clientStatus(c)),
    };
  }

  private clientStatus(c: ClientConnection): ClientStatus {
    const channels: Record<string, string[]> = {};
    for (const s of c.subscriptions()) {
      const symbol = this.market.get(s.nativeSymbol)?.options.symbol ?? s.nativeSymbol;
      (channels[s.channel] ??= []).push(symbol);
    }
    return { id: c.id, replica: c.replica ?? null, stalled: c.stalled(), channels };
  }

  private onRequest(req: IncomingMessage, res: ServerResponse): void {
    this.restRequests++;
    const url = new URL(req.url ?? '/', 'http://localhost');
    const reply =
      this.rateLimitUntil > Date.now()
        ? this.dialect.restRateLimited()
        : (this.dialect.rest?.(url.pathname, url.searchParams, this.markets) ?? {
            status: 404,
            body: JSON.stringify({ error: 'not found' }),
          });
    res.writeHead(reply.status, { 'content-type': 'application/json' });
    res.end(reply.body);
  }

  private onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    if (this.refuseUntil > Date.now()) {
      this.refused++;
      socket.end(
        'HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n',
      );
      socket.destroy();
      return;
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    const accepted = this.dialect.accept(url.pathname, url.searchParams);
    if (!accepted) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      socket.destroy();
      return;
    }
    const replica = url.searchParams.get('replica')?.slice(0, 32) || undefined;
    this.wss.handleUpgrade(req, socket, head, (ws) =>
      this.onConnection(ws, socket, accepted.mode, accepted.topics, replica),
    );
  }

  private onConnection(
    ws: WebSocket,
    socket: Duplex,
    mode: string,
    topics: readonly string[],
    replica: string | undefined,
  ): void {
    this.accepted++;
    const conn = new ClientConnection(
      `${this.dialect.id}-${this.nextConnId++}`,
      mode,
      ws,
      socket,
      Date.now,
      replica,
    );
    this.connections.add(conn);
    for (const t of topics) {
      const sub = this.dialect.parseTopic(t);
      if (sub) conn.subscribe(sub);
    }
    ws.on('ping', (data: Buffer) => {
      if (!conn.stalled()) ws.pong(data);
    });
    ws.on('message', (data: RawData, isBinary: boolean) => {
      conn.framesReceived++;
      if (isBinary) return;
      this.dialect.onMessage(conn, rawText(data), this.markets);
    });
    ws.on('error', () => conn.destroy());
    ws.on('close', () => {
      this.framesSentTotal += conn.framesSent;
      this.connections.delete(conn);
    });
    this.dialect.onOpen?.(conn, this.markets);
  }
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.from(data).toString('utf8');
}
