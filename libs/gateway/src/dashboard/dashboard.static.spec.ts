import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN_KEY, type GatewayTestApp, startGateway } from '../testing/gateway-test.kit';

let gw: GatewayTestApp | undefined;
const dirs: string[] = [];
const saved = process.env.FEEDGATE_DASHBOARD_DIR;

afterEach(async () => {
  await gw?.close();
  gw = undefined;
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  rmSync(join(tmpdir(), 'fg-dash-secret.txt'), { force: true });
  if (saved === undefined) delete process.env.FEEDGATE_DASHBOARD_DIR;
  else process.env.FEEDGATE_DASHBOARD_DIR = saved;
});

/** A gateway whose dashboard folder is a temp dir (built = with index.html and an asset). */
async function gatewayWith(built: boolean): Promise<GatewayTestApp> {
  const dir = mkdtempSync(join(tmpdir(), 'fg-dash-'));
  dirs.push(dir);
  if (built) {
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>dash-index</title>');
    writeFileSync(join(dir, 'assets', 'app-123.js'), 'console.log("app")');
  }
  writeFileSync(join(tmpdir(), 'fg-dash-secret.txt'), 'outside');
  process.env.FEEDGATE_DASHBOARD_DIR = dir;
  gw = await startGateway({ configFile: join(dir, 'config.json') });
  return gw;
}

describe('dashboard static serving', () => {
  it('serves index.html at / and for view paths, assets with their type, and leaves API routes alone', async () => {
    const { http } = await gatewayWith(true);
    const root = await fetch(`${http}/`);
    expect(root.status).toBe(200);
    expect(root.headers.get('content-type')).toContain('text/html');
    expect(root.headers.get('cache-control')).toBe('no-cache');
    expect(await root.text()).toContain('dash-index');

    const view = await fetch(`${http}/operations?symbol=BTC-USDT`);
    expect(view.status).toBe(200);
    expect(await view.text()).toContain('dash-index');

    const asset = await fetch(`${http}/assets/app-123.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toContain('text/javascript');
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect(await asset.text()).toBe('console.log("app")');

    expect((await fetch(`${http}/assets/missing.js`)).status).toBe(404);
    const escape = await fetch(`${http}/..%2f..%2f..%2ffg-dash-secret.txt`);
    expect(await escape.text()).not.toContain('outside');

    // reserved paths still reach the gateway's own handlers
    expect((await fetch(`${http}/admin/connectors`)).status).toBe(401);
    const ok = await fetch(`${http}/admin/connectors`, { headers: { 'x-api-key': ADMIN_KEY } });
    expect(ok.status).toBe(200);
    expect(Array.isArray(await ok.json())).toBe(true);
    expect((await fetch(`${http}/docs-json`)).headers.get('content-type')).toContain('json');
    expect((await fetch(`${http}/metrics`)).status).not.toBe(503);
    const posted = await fetch(`${http}/`, { method: 'POST' });
    expect(posted.status).toBe(404);
  });

  it('answers 503 with how to build it when the dashboard is not built', async () => {
    const { http } = await gatewayWith(false);
    for (const path of ['/', '/market']) {
      const res = await fetch(`${http}${path}`);
      expect(res.status).toBe(503);
      expect(await res.text()).toContain('dashboard not built: run npm run build:dashboard');
    }
    const head = await fetch(`${http}/`, { method: 'HEAD' });
    expect(head.status).toBe(503);
    expect((await fetch(`${http}/admin/connectors`)).status).toBe(401);
  });
});
