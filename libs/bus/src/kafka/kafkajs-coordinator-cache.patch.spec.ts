import { describe, expect, it } from 'vitest';
import { cachedLookup, KafkajsCoordinatorCachePatch } from './kafkajs-coordinator-cache.patch';

/** A stand-in for kafkajs' Cluster: counts lookups and hands out one broker per lookup. */
function fakeCluster() {
  const lookups: string[] = [];
  let failNext: string | undefined;
  const cluster = {
    async findGroupCoordinator(args: { groupId: string; coordinatorType?: number }) {
      lookups.push(`${args.coordinatorType ?? 0}:${args.groupId}`);
      const id = lookups.length;
      return {
        id,
        async endTxn(): Promise<string> {
          if (failNext !== undefined) {
            const type = failNext;
            failNext = undefined;
            throw Object.assign(new Error(type), { type });
          }
          return `ok from ${id}`;
        },
      };
    },
  };
  return { cluster, lookups, failOnce: (type: string) => (failNext = type) };
}

type Broker = { id: number; endTxn(): Promise<string> };

describe('KafkajsCoordinatorCachePatch', () => {
  it('applies to the installed kafkajs and is idempotent', () => {
    expect(KafkajsCoordinatorCachePatch.apply()).toBe(true);
    expect(KafkajsCoordinatorCachePatch.apply()).toBe(true);
  });

  it('looks a coordinator up once per key while it answers, and separately per type and key', async () => {
    const { cluster, lookups } = fakeCluster();
    const find = cachedLookup(cluster.findGroupCoordinator);
    const a = (await find.call(cluster, { groupId: 'tx', coordinatorType: 1 })) as Broker;
    const b = (await find.call(cluster, { groupId: 'tx', coordinatorType: 1 })) as Broker;
    await find.call(cluster, { groupId: 'tx' });
    await find.call(cluster, { groupId: 'other', coordinatorType: 1 });
    expect(a.id).toBe(1);
    expect(b.id).toBe(1);
    expect(await b.endTxn()).toBe('ok from 1');
    expect(lookups).toEqual(['1:tx', '0:tx', '1:other']);
  });

  it('forgets the coordinator when a request to it fails, and the caller still sees the error', async () => {
    const { cluster, lookups, failOnce } = fakeCluster();
    const find = cachedLookup(cluster.findGroupCoordinator);
    const first = (await find.call(cluster, { groupId: 'tx', coordinatorType: 1 })) as Broker;
    failOnce('NOT_COORDINATOR');
    await expect(first.endTxn()).rejects.toMatchObject({ type: 'NOT_COORDINATOR' });
    const second = (await find.call(cluster, { groupId: 'tx', coordinatorType: 1 })) as Broker;
    expect(second.id).toBe(2);
    expect(lookups).toHaveLength(2);
  });

  it('keeps the coordinator when it only says the previous transaction is still completing', async () => {
    const { cluster, lookups, failOnce } = fakeCluster();
    const find = cachedLookup(cluster.findGroupCoordinator);
    const first = (await find.call(cluster, { groupId: 'tx', coordinatorType: 1 })) as Broker;
    failOnce('CONCURRENT_TRANSACTIONS');
    await expect(first.endTxn()).rejects.toMatchObject({ type: 'CONCURRENT_TRANSACTIONS' });
    await find.call(cluster, { groupId: 'tx', coordinatorType: 1 });
    expect(lookups).toHaveLength(1);
  });

  it('looks up again after the TTL', async () => {
    const { cluster, lookups } = fakeCluster();
    let clock = 1_000;
    const find = cachedLookup(cluster.findGroupCoordinator, () => clock);
    await find.call(cluster, { groupId: 'tx', coordinatorType: 1 });
    clock += KafkajsCoordinatorCachePatch.TTL_MS - 1;
    await find.call(cluster, { groupId: 'tx', coordinatorType: 1 });
    expect(lookups).toHaveLength(1);
    clock += 2;
    await find.call(cluster, { groupId: 'tx', coordinatorType: 1 });
    expect(lookups).toHaveLength(2);
  });

  it('keeps separate caches per cluster', async () => {
    const one = fakeCluster();
    const two = fakeCluster();
    const find = cachedLookup(one.cluster.findGroupCoordinator);
    await find.call(one.cluster, { groupId: 'tx' });
    await find.call(two.cluster, { groupId: 'tx' });
    expect(one.lookups).toHaveLength(2);
  });
});
