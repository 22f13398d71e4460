import { BusConfig } from '@feedgate/bus';
import { afterAll, describe, expect, it } from 'vitest';
import { InMemoryConnectorRegistry } from '../connectors/in-memory.connector-registry';
import { expectKeySyncAcross } from '../testing/config-sync.scenario';
import { type GatewayTestApp, startGateway } from '../testing/gateway-test.kit';

/**
 * Two full gateway instances on one real Kafka (KAFKA_BROKERS), each with its own
 * BusConfigStore on md.config: admin changes made on A reach B's live registry.
 */
describe('gateway config sync over Kafka (md.config)', () => {
  const apps: GatewayTestApp[] = [];
  afterAll(async () => {
    await Promise.all(apps.splice(0).map((a) => a.close()));
  });

  it('a key created on A authenticates on B within seconds; revoked, B refuses it', async () => {
    const bus = BusConfig.fromEnv();
    expect(bus.usesKafka).toBe(true);
    for (let i = 0; i < 2; i++) {
      apps.push(
        await startGateway({}, { bus, store: 'bus', registry: new InMemoryConnectorRegistry() }),
      );
    }
    const { createdMs, revokedMs } = await expectKeySyncAcross(apps[0], apps[1], 10_000);
    // "Within a few seconds": md.config is one partition read by an always-open consumer.
    expect(createdMs).toBeLessThan(5000);
    expect(revokedMs).toBeLessThan(5000);
  });
});
