import { readFile, rm } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { InMemoryConnectorRegistry } from '../connectors/in-memory.connector-registry';
import {
  ADMIN_KEY,
  callAdmin as call,
  type GatewayTestApp,
  startGateway,
  TestClient,
} from '../testing/gateway-test.kit';

let gw: GatewayTestApp | undefined;
const files: string[] = [];
afterEach(async () => {
  await gw?.close();
  gw = undefined;
  await Promise.all(files.splice(0).map((f) => rm(f, { force: true })));
});

const configFile = (name: string) => {
  const file = `/tmp/fg-admin-${process.pid}-${name}.json`;
  files.push(file);
  return file;
};

const seed = () =>
  new InMemoryConnectorRegistry({ binance: ['BTC-USDT'], okx: ['BTC-USDT', 'ETH-USDT'] });

describe('admin REST auth', () => {
  it('401 without or with a wrong key, 403 for a viewer on admin routes, 400 on bad bodies', async () => {
    const file = configFile('auth');
    await rm(file, { force: true });
    gw = await startGateway({ configFile: file }, { registry: seed() });
    const base = gw.http;
    expect((await call(base, 'GET', '/admin/connectors')).status).toBe(401);
    expect(
      (
        await call(
          base,
          'GET',
          '/admin/connectors',
          'fgk_0123456789ab_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
        )
      ).status,
    ).toBe(401);

    const created = await call(base, 'POST', '/admin/keys', ADMIN_KEY, {
      name: 'desk',
      role: 'viewer',
    });
    expect(created.status).toBe(201);
    const viewer = created.json.key as string;
    expect(viewer).toMatch(/^fgk_[0-9a-f]{12}_/);

    const list = await call(base, 'GET', '/admin/connectors', viewer);
    expect(list.status).toBe(200);
    expect(list.json.map((c: { id: string }) => c.id).sort()).toEqual(['binance-1', 'okx-1']);
    expect((await call(base, 'POST', '/admin/connectors/okx-1/stop', viewer)).status).toBe(403);
    expect(
      (await call(base, 'POST', '/admin/keys', viewer, { name: 'x', role: 'admin' })).status,
    ).toBe(403);

    const badRole = await call(base, 'POST', '/admin/keys', ADMIN_KEY, { name: 'x', role: 'root' });
    expect(badRole.status).toBe(400);
    expect(JSON.stringify(badRole.json.message)).toMatch(/role must be one of/);
    const badSymbols = await call(base, 'PUT', '/admin/exchanges/binance/symbols', ADMIN_KEY, {
      symbols: ['btc'],
    });
    expect(badSymbols.status).toBe(400);
    expect(JSON.stringify(badSymbols.json.message)).toMatch(/normalized symbol/);
    const notJson = await call(
      base,
      'PUT',
      '/admin/exchanges/binance/symbols',
      ADMIN_KEY,
      '{"symbols":',
    );
    expect(notJson.status).toBe(400);
    expect((await call(base, 'POST', '/admin/connectors/nope-1/stop', ADMIN_KEY)).status).toBe(404);
    expect(
      (await call(base, 'PUT', '/admin/exchanges/nasdaq/symbols', ADMIN_KEY, { symbols: [] }))
        .status,
    ).toBe(404);

    // A key made over REST opens /ws too.
    const client = await TestClient.open(gw.ws, viewer);
    client.send({ op: 'ping' });
    await client.until((c) => c.ops('pong').length === 1);
    client.close();
  });
});

describe('admin changes', () => {
  it('shows a new key once, stores only its salted hash, persists changes and reloads them', async () => {
    const file = configFile('persist');
    await rm(file, { force: true });
    const registry = seed();
    gw = await startGateway({ configFile: file }, { registry });
    const base = gw.http;

    const created = await call(base, 'POST', '/admin/keys', ADMIN_KEY, {
      name: 'ops',
      role: 'admin',
    });
    const plain = created.json.key as string;
    const keyId = created.json.id as string;
    const listed = await call(base, 'GET', '/admin/keys', ADMIN_KEY);
    expect(listed.json).toEqual([
      expect.objectContaining({ id: keyId, name: 'ops', role: 'admin', createdBy: 'bootstrap' }),
    ]);
    expect(listed.text).not.toContain(plain.slice(-32));
    expect(listed.text).not.toContain('hash');

    expect((await call(base, 'POST', '/admin/connectors/okx-1/stop', plain)).json).toMatchObject({
      state: 'stopped',
      enabled: false,
    });
    const symbols = await call(base, 'PUT', '/admin/exchanges/kraken/symbols', plain, {
      symbols: ['BTC-USD', 'ETH-USD', 'BTC-USD'],
    });
    expect(symbols.status).toBe(200);
    expect(symbols.json.symbols).toEqual(['BTC-USD', 'ETH-USD']);

    const audit = await call(base, 'GET', '/admin/audit', ADMIN_KEY);
    expect(
      audit.json.map((e: { actor: string; action: string; target: string }) => [
        e.actor,
        e.action,
        e.target,
      ]),
    ).toEqual([
      [keyId, 'exchange.symbols', 'kraken'],
      [keyId, 'connector.stop', 'okx-1'],
      ['bootstrap', 'apikey.create', keyId],
    ]);

    const text = await readFile(file, 'utf8');
    expect(text).not.toContain(plain.slice(-32));
    const saved = JSON.parse(text).entries;
    expect(saved[`apikey/${keyId}`]).toMatchObject({ id: keyId, role: 'admin' });
    expect(saved[`apikey/${keyId}`].hash).toMatch(/^[0-9a-f]{64}$/);
    expect(saved['connector/okx-1']).toEqual({ enabled: false });
    expect(saved['exchange/kraken']).toEqual({ symbols: ['BTC-USD', 'ETH-USD'] });
    await gw.close();

    // A fresh process with fresh connectors: the file brings back keys, stops and symbols.
    gw = await startGateway({ configFile: file }, { registry: seed() });
    const connectors = await call(gw.http, 'GET', '/admin/connectors', plain);
    expect(connectors.status).toBe(200);
    const byId = Object.fromEntries(connectors.json.map((c: { id: string }) => [c.id, c]));
    expect(byId['okx-1']).toMatchObject({ state: 'stopped', enabled: false });
    expect(byId['binance-1']).toMatchObject({ state: 'live' });
    expect(byId['kraken-1'].symbols).toEqual(['BTC-USD', 'ETH-USD']);
  });
});

describe('health, metrics, docs', () => {
  it('serves terminus health, Prometheus metrics and the OpenAPI document', async () => {
    const file = configFile('ops');
    await rm(file, { force: true });
    const registry = seed();
    gw = await startGateway({ configFile: file }, { registry });
    const health = await call(gw.http, 'GET', '/health');
    expect(health.status).toBe(200);
    expect(health.json).toMatchObject({
      status: 'ok',
      info: { bus: { status: 'up', topics: 5 }, connectors: { status: 'up', live: 2 } },
    });

    registry.update('binance-1', { state: 'backoff' });
    registry.update('okx-1', { state: 'stale' });
    const down = await call(gw.http, 'GET', '/health');
    expect(down.status).toBe(503);
    expect(down.json.error.connectors).toMatchObject({ status: 'down', live: 0 });

    registry.update('okx-1', { state: 'live', msgsPerSec: 1234, lagMs: 7 });
    const metrics = await call(gw.http, 'GET', '/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.text).toContain('feedgate_gateway_clients 0');
    expect(metrics.text).toContain(
      'feedgate_connector_msgs_per_sec{connector="okx-1",exchange="okx"} 1234',
    );
    expect(metrics.text).toContain(
      'feedgate_connector_up{connector="binance-1",exchange="binance"} 0',
    );

    const docs = await call(gw.http, 'GET', '/docs-json');
    expect(docs.status).toBe(200);
    expect(Object.keys(docs.json.paths)).toEqual(
      expect.arrayContaining([
        '/admin/connectors',
        '/admin/keys',
        '/admin/exchanges/{id}/symbols',
        '/health',
      ]),
    );
    expect((await call(gw.http, 'GET', '/docs')).status).toBe(200);
  });
});
