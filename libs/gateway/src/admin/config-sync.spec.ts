import { BusConfig, InProcessBus } from '@feedgate/bus';
import { afterEach, describe, expect, it } from 'vitest';
import { InMemoryConnectorRegistry } from '../connectors/in-memory.connector-registry';
import { BusConfigStore } from '../store/bus.config-store';
import { JsonFileConfigStore } from '../store/json-file.config-store';
import { expectKeySyncAcross } from '../testing/config-sync.scenario';
import {
  ADMIN_KEY,
  callAdmin,
  type GatewayTestApp,
  startGateway,
  waitFor,
} from '../testing/gateway-test.kit';
import { AuditLog } from './audit.log';

const apps: GatewayTestApp[] = [];
const buses: InProcessBus[] = [];
afterEach(async () => {
  await Promise.all(apps.splice(0).map((a) => a.close()));
  await Promise.all(buses.splice(0).map((b) => b.close()));
});

/** Two gateways whose BusConfigStores share one in-process md.config (Kafka: int spec). */
async function pair(): Promise<[GatewayTestApp, GatewayTestApp, InMemoryConnectorRegistry]> {
  const shared = new InProcessBus(BusConfig.of());
  buses.push(shared);
  const registryB = new InMemoryConnectorRegistry({ okx: ['BTC-USDT'] });
  const a = await startGateway(
    {},
    {
      store: new BusConfigStore(shared, 5000),
      registry: new InMemoryConnectorRegistry({ okx: ['BTC-USDT'] }),
    },
  );
  apps.push(a);
  const b = await startGateway(
    {},
    { store: new BusConfigStore(shared, 5000), registry: registryB },
  );
  apps.push(b);
  return [a, b, registryB];
}

describe('live config sync between gateway instances', () => {
  it('a key created on A works on B; revoked on A, B refuses it and closes its socket', async () => {
    const [a, b] = await pair();
    const { createdMs, revokedMs } = await expectKeySyncAcross(a, b, 3000);
    expect(createdMs).toBeLessThan(3000);
    expect(revokedMs).toBeLessThan(3000);
  });

  it('applies exchange symbols and connector state changed on A to B, without audit on B', async () => {
    const [a, b, registryB] = await pair();
    const put = await callAdmin(a.http, 'PUT', '/admin/exchanges/kraken/symbols', ADMIN_KEY, {
      symbols: ['ETH-USD'],
    });
    expect(put.status).toBe(200);
    const stop = await callAdmin(a.http, 'POST', '/admin/connectors/okx-1/stop', ADMIN_KEY);
    expect(stop.status).toBe(200);
    await waitFor(() => registryB.connectors().some((c) => c.id === 'kraken-1'), 3000);
    await waitFor(() => registryB.connectors().find((c) => c.id === 'okx-1')?.enabled === false);
    expect(registryB.exchanges().find((e) => e.id === 'kraken')?.symbols).toEqual(['ETH-USD']);
    // The change was made (and audited) on A; B only applied it.
    expect(b.app.get(AuditLog).list()).toEqual([]);
    expect(
      a.app
        .get(AuditLog)
        .list()
        .map((e) => e.action),
    ).toEqual(['connector.stop', 'exchange.symbols']);
  });

  it('revoking an unknown key is a 404; a viewer may not revoke', async () => {
    const [a] = await pair();
    expect((await callAdmin(a.http, 'DELETE', '/admin/keys/0123456789ab', ADMIN_KEY)).status).toBe(
      404,
    );
    const viewer = await callAdmin(a.http, 'POST', '/admin/keys', ADMIN_KEY, {
      name: 'v',
      role: 'viewer',
    });
    const id = viewer.json.id as string;
    const key = viewer.json.key as string;
    expect((await callAdmin(a.http, 'DELETE', `/admin/keys/${id}`, key)).status).toBe(403);
  });

  it('the JSON file store (embedded mode, one instance) never reports changes', () => {
    const store = new JsonFileConfigStore('/tmp/never-written.json');
    let calls = 0;
    const stop = store.onChange(() => calls++);
    expect(typeof stop).toBe('function');
    stop();
    expect(calls).toBe(0);
  });
});
