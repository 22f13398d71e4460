import { randomUUID } from 'node:crypto';
import { BusConfig, KafkaBus } from '@feedgate/bus';
import { afterAll, describe, expect, it } from 'vitest';
import { BusConfigStore } from './bus.config-store';

/** BusConfigStore against the real broker (KAFKA_BROKERS): md.config replay, latest wins. */
describe('BusConfigStore on Kafka', () => {
  const bus = new KafkaBus(BusConfig.fromEnv());
  afterAll(() => bus.close());

  it('reloads the latest value of each key written by a previous instance', async () => {
    // md.config is shared by everything on the broker: this test only looks at its own keys.
    const ns = `test-${randomUUID()}`;
    const a = new BusConfigStore(bus, 60_000);
    await a.load();
    await a.put(`${ns}/exchange/okx`, { symbols: ['BTC-USDT'] });
    await a.put(`${ns}/apikey/1`, { id: '1' });
    await a.put(`${ns}/exchange/okx`, { symbols: ['ETH-USDT'] });
    await a.put(`${ns}/apikey/1`, null);
    await a.close();

    const b = new BusConfigStore(bus, 60_000);
    const mine = [...(await b.load())].filter(([k]) => k.startsWith(ns));
    expect(mine).toEqual([[`${ns}/exchange/okx`, { symbols: ['ETH-USDT'] }]]);
    await b.close();
  });
});
