import { rm, writeFile } from 'node:fs/promises';
import { BusConfig, InProcessBus } from '@feedgate/bus';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigStoreError } from '../errors/config-store.error';
import { waitFor } from '../testing/gateway-test.kit';
import { BusConfigStore } from './bus.config-store';
import type { ConfigChange } from './config-store';
import { JsonFileConfigStore } from './json-file.config-store';

const file = `/tmp/fg-store-${process.pid}.json`;
const buses: InProcessBus[] = [];
afterEach(async () => {
  await Promise.all(buses.splice(0).map((b) => b.close()));
  await rm(file, { force: true });
});

describe('JsonFileConfigStore', () => {
  it('persists puts and deletes, and a new instance reloads them', async () => {
    const a = new JsonFileConfigStore(file);
    expect((await a.load()).size).toBe(0);
    await Promise.all([
      a.put('exchange/okx', { symbols: ['BTC-USDT'] }),
      a.put('connector/okx-1', { enabled: false }),
    ]);
    await a.put('exchange/okx', { symbols: ['ETH-USDT'] });
    await a.put('connector/okx-1', null);
    const b = new JsonFileConfigStore(file);
    expect([...(await b.load())]).toEqual([['exchange/okx', { symbols: ['ETH-USDT'] }]]);
  });

  it('refuses a corrupt file with a typed error instead of starting empty', async () => {
    await writeFile(file, '{"version":1,"entries":');
    await expect(new JsonFileConfigStore(file).load()).rejects.toBeInstanceOf(ConfigStoreError);
    await writeFile(file, '{"version":2}');
    await expect(new JsonFileConfigStore(file).load()).rejects.toThrow(/expected/);
  });
});

describe('BusConfigStore (md.config, latest wins)', () => {
  it('replays the compacted topic: the latest value per key, deletions removed', async () => {
    const bus = new InProcessBus(BusConfig.of());
    buses.push(bus);
    const a = new BusConfigStore(bus, 5000);
    expect((await a.load()).size).toBe(0);
    await a.put('exchange/okx', { symbols: ['BTC-USDT'] });
    await a.put('apikey/1', { id: '1' });
    await a.put('exchange/okx', { symbols: ['SOL-USDT'] });
    await a.put('apikey/1', null);
    await a.put('connector/okx-1', { enabled: true });
    await a.close();
    const b = new BusConfigStore(bus, 5000);
    const loaded = await b.load();
    expect(Object.fromEntries(loaded)).toEqual({
      'exchange/okx': { symbols: ['SOL-USDT'] },
      'connector/okx-1': { enabled: true },
    });
    await b.close();
  });

  it("tells other instances' changes after load to the listeners, never an instance's own", async () => {
    const bus = new InProcessBus(BusConfig.of());
    buses.push(bus);
    const a = new BusConfigStore(bus, 5000);
    await a.load();
    await a.put('apikey/old', { id: 'old' });
    const b = new BusConfigStore(bus, 5000);
    expect([...(await b.load()).keys()]).toEqual(['apikey/old']); // replayed, not "changed"
    const heardByB: ConfigChange[] = [];
    const heardByA: ConfigChange[] = [];
    const late: ConfigChange[] = [];
    b.onChange((c) => heardByB.push(c));
    a.onChange((c) => heardByA.push(c));
    b.onChange(() => {
      throw new Error('a failing listener does not stop the others');
    });
    const stop = b.onChange((c) => late.push(c));
    stop();
    await a.put('exchange/okx', { symbols: ['BTC-USDT'] });
    await a.put('apikey/old', null);
    await waitFor(() => heardByB.length === 2);
    expect(heardByB).toEqual([
      { id: 'exchange/okx', value: { symbols: ['BTC-USDT'] } },
      { id: 'apikey/old', value: null },
    ]);
    await b.put('connector/okx-1', { enabled: false });
    await waitFor(() => heardByA.length === 1);
    expect(heardByA).toEqual([{ id: 'connector/okx-1', value: { enabled: false } }]);
    expect(heardByB).toHaveLength(2); // b's own put is not echoed to b
    expect(late).toEqual([]);
    await Promise.all([a.close(), b.close()]);
  });
});
