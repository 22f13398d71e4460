import {
  BusInvalidArgumentError,
  MarketBus,
  type BusRecord,
  type BusSubscription,
  type TopicSpec,
} from '@feedgate/bus';

/**
 * A MarketBus that acknowledges every publish on the next macrotask and keeps nothing: the
 * gate CPU benchmark measures the gate, not a broker or an in-memory log. Counts what it got
 * so the report can show records and bytes per event.
 */
export class DiscardBus extends MarketBus {
  publishCalls = 0;
  records = 0;
  bytes = 0;

  async ensureTopics(_specs: readonly TopicSpec[]): Promise<void> {}

  async deleteTopics(_topics: readonly string[]): Promise<void> {}

  publish(_topic: string, records: readonly BusRecord[]): Promise<void> {
    this.publishCalls++;
    this.records += records.length;
    for (const r of records) this.bytes += r.value.length;
    // A broker acknowledges later, never synchronously: records pile up meanwhile, as in Kafka.
    return new Promise((resolve) => setImmediate(resolve));
  }

  subscribe(): Promise<BusSubscription> {
    return Promise.reject(new BusInvalidArgumentError('the discard bus has no consumers'));
  }

  async close(): Promise<void> {}
}
