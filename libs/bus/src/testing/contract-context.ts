import type { BusRecord } from '../bus.types';
import type { MarketBus } from '../market-bus';

/** What the contract cases get from describeMarketBusContract: a fresh bus and topic per test. */
export interface ContractContext {
  readonly bus: () => MarketBus;
  readonly topic: () => string;
  readonly group: () => string;
  /** `perKey` records for each of `keys` keys, values `${k}|${i}`, i from `from`, key-interleaved. */
  readonly seqRecords: (keys: number, perKey: number, from?: number) => BusRecord[];
  readonly partitions: number;
  /** How long "nothing more arrives" is watched for (a broker needs more than memory). */
  readonly quietMs: number;
  /** Upper bound for any wait on delivery. */
  readonly timeoutMs: number;
}
