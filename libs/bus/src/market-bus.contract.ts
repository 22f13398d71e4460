import { afterEach, beforeEach, describe } from 'vitest';
import type { BusRecord } from './bus.types';
import type { MarketBus } from './market-bus';
import { uniqueName } from './testing/bus-test.kit';
import { deliveryContractCases } from './testing/delivery.contract-cases';
import { lifecycleContractCases } from './testing/lifecycle.contract-cases';

export interface ContractOptions {
  /** How long "nothing more arrives" is watched for (a broker needs more than memory). */
  readonly quietMs: number;
  /** Upper bound for any wait on delivery. */
  readonly timeoutMs: number;
}

const PARTITIONS = 3;

/**
 * The MarketBus contract: every adapter must pass it unchanged. Each test gets a fresh bus
 * and a fresh topic (created through ensureTopics, deleted afterwards) so runs never see each
 * other's data. The cases live in testing/*.contract-cases.ts.
 */
export function describeMarketBusContract(
  name: string,
  factory: () => Promise<MarketBus>,
  options: ContractOptions = { quietMs: 150, timeoutMs: 10_000 },
): void {
  describe(`MarketBus contract: ${name}`, () => {
    let bus: MarketBus;
    let topic: string;

    beforeEach(async () => {
      bus = await factory();
      topic = uniqueName('contract');
      await bus.ensureTopics([{ topic, partitions: PARTITIONS }]);
    });

    afterEach(async () => {
      await bus.close();
      const admin = await factory();
      await admin.deleteTopics([topic]);
      await admin.close();
    });

    const context = {
      bus: () => bus,
      topic: () => topic,
      group: () => uniqueName('g'),
      seqRecords: (keys: number, perKey: number, from = 0): BusRecord[] => {
        const records: BusRecord[] = [];
        for (let i = from; i < from + perKey; i++) {
          for (let k = 0; k < keys; k++) {
            records.push({ key: `ex${k}:SYM-${k}`, value: Buffer.from(`${k}|${i}`) });
          }
        }
        return records;
      },
      partitions: PARTITIONS,
      ...options,
    };
    deliveryContractCases(context);
    lifecycleContractCases(context);
  });
}
