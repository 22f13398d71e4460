import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { FeedgateError } from '@feedgate/core';

const MAX_BODY_BYTES = 64 * 1024;

/** What the control API exposes; implemented by the emulator. */
export interface ControlTarget {
  status(): unknown;
  fault(request: unknown): unknown;
  scenario(request: unknown): unknown;
  groundTruthJson(exchange: string | null, symbol: string | null): unknown;
}

/**
 * The emulator's small HTTP control API:
 * `POST /control/faults`, `POST /control/scenarios`, `GET /control/status`,
 * `GET /control/ground-truth?exchange=&symbol=`.
 */
export class ControlApiServer {
  private readonly http: Server;
  port = 0;

  constructor(
    private readonly target: ControlTarget,
    private readonly host = '127.0.0.1',
  ) {
    this.http = createServer((req, res) => this.onRequest(req, res));
  }

  get url(): string {
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
  }

  async stop(): Promise<void> {
    this.http.closeAllConnections();
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }

  private onRequest(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const reply = (status: number, body: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    try {
      if (req.method === 'GET' && url.pathname === '/control/status') {
        reply(200, this.target.status());
      } else if (req.method === 'GET' && url.pathname === '/control/ground-truth') {
        const q = url.searchParams;
        reply(200, this.target.groundTruthJson(q.get('exchange'), q.get('symbol')));
      } else if (req.method === 'POST' && url.pathname === '/control/faults') {
        this.post(req, reply, (body) => this.target.fault(body));
      } else if (req.method === 'POST' && url.pathname === '/control/scenarios') {
        this.post(req, reply, (body) => this.target.scenario(body));
      } else {
        reply(404, { error: 'not found' });
      }
    } catch (e) {
      reply(e instanceof FeedgateError ? 400 : 500, errorBody(e));
    }
  }

  /** A JSON body handed to `apply`; a bad body or a rejected request is a 400. */
  private post(req: IncomingMessage, reply: Reply, apply: (body: unknown) => unknown): void {
    readBody(req, (err, text) => {
      if (err) return reply(413, { error: err });
      try {
        reply(200, apply(JSON.parse(text)));
      } catch (e) {
        reply(400, errorBody(e));
      }
    });
  }
}

type Reply = (status: number, body: unknown) => void;

function errorBody(e: unknown): { error: string; code?: string } {
  if (e instanceof FeedgateError) return { error: e.message, code: e.code };
  return { error: e instanceof Error ? e.message : String(e) };
}

function readBody(req: IncomingMessage, done: (err: string | null, text: string) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  let failed = false;
  req.on('data', (c: Buffer) => {
    size += c.length;
    if (size > MAX_BODY_BYTES && !failed) {
      failed = true;
      done('body too large', '');
      req.destroy();
      return;
    }
    if (!failed) chunks.push(c);
  });
  req.on('end', () => {
    if (!failed) done(null, Buffer.concat(chunks).toString('utf8'));
  });
}
