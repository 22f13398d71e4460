import { createReadStream, existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname, extname, join, resolve, sep } from 'node:path';
import type { INestApplication } from '@nestjs/common';

/** Paths the gateway itself answers: never shadowed by a file or the SPA fallback. */
const RESERVED = ['/admin', '/ws', '/health', '/metrics', '/docs'];

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

const NOT_BUILT = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>feedgate</title>
<style>body{background:#0b0e13;color:#c9d1d9;font:14px/1.5 system-ui,sans-serif;padding:48px}
code{background:#161b22;padding:2px 6px;border-radius:4px;color:#e3b341}</style></head>
<body><h1>dashboard not built: run npm run build:dashboard</h1>
<p>The gateway is up (<a href="/docs" style="color:#58a6ff">/docs</a>, <code>/ws</code>,
<code>/admin</code>); the web dashboard's files are missing. Build them with
<code>npm run build:dashboard</code> and reload.</p></body></html>`;

type Next = (error?: unknown) => void;

/**
 * Serves the Vite-built dashboard (apps/dashboard/dist) at `/`: files as they are, and
 * index.html for extension-less paths (the SPA's views, e.g. /market, /operations). When the
 * build is missing every such request gets a 503 page saying how to build it. The folder is
 * looked at per request, so building while the gateway runs needs no restart.
 */
export class DashboardStatic {
  private readonly root: string;

  constructor(dir: string) {
    this.root = resolve(dir);
  }

  /**
   * Registers the handler on the app's HTTP server. Call before listen(): middleware added
   * then runs ahead of the controllers, and RESERVED paths pass straight through.
   */
  static register(app: INestApplication, dir = DashboardStatic.locate()): DashboardStatic {
    const handler = new DashboardStatic(dir);
    app.use((req: IncomingMessage, res: ServerResponse, next: Next) => {
      handler.handle(req, res, next).catch(next);
    });
    return handler;
  }

  /**
   * FEEDGATE_DASHBOARD_DIR, else apps/dashboard/dist of the repository this file sits in
   * (found by walking up, so it works from sources and from a webpack bundle in dist/), else
   * relative to the working directory.
   */
  static locate(): string {
    const fromEnv = process.env.FEEDGATE_DASHBOARD_DIR?.trim();
    if (fromEnv) return resolve(fromEnv);
    for (let dir = __dirname; ; dir = dirname(dir)) {
      if (existsSync(join(dir, 'apps', 'dashboard', 'package.json'))) {
        return join(dir, 'apps', 'dashboard', 'dist');
      }
      if (dirname(dir) === dir) break;
    }
    return resolve('apps', 'dashboard', 'dist');
  }

  get dir(): string {
    return this.root;
  }

  async handle(req: IncomingMessage, res: ServerResponse, next: Next): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    let path: string;
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    } catch {
      return next();
    }
    if (RESERVED.some((p) => path === p || path.startsWith(`${p}/`) || path.startsWith(`${p}-`))) {
      return next();
    }
    const index = join(this.root, 'index.html');
    if (!(await isFile(index))) return this.notBuilt(req, res);

    const file = resolve(this.root, `.${path}`);
    // resolve() folds "..": anything that lands outside the build folder is not ours to serve.
    if (file !== this.root && !file.startsWith(this.root + sep)) return next();
    if (path !== '/' && (await isFile(file))) return this.send(req, res, file);
    if (extname(path) === '') return this.send(req, res, index);
    return next();
  }

  private async send(req: IncomingMessage, res: ServerResponse, file: string): Promise<void> {
    const info = await stat(file);
    const immutable = file.includes(`${sep}assets${sep}`); // Vite names these by content hash
    res.statusCode = 200;
    res.setHeader('content-type', TYPES[extname(file)] ?? 'application/octet-stream');
    res.setHeader('content-length', info.size);
    res.setHeader('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    res.setHeader('x-content-type-options', 'nosniff');
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    // pipeline() closes the file when the client goes away mid-transfer.
    await pipeline(createReadStream(file), res).catch(() => res.destroy());
  }

  private notBuilt(req: IncomingMessage, res: ServerResponse): void {
    res.statusCode = 503;
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.setHeader('cache-control', 'no-store');
    res.end(req.method === 'HEAD' ? undefined : NOT_BUILT);
  }
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
