import { randomUUID } from 'node:crypto';
import type { BusSubscription, ConsumedBatch, MarketBus } from '@feedgate/bus';
import { ConfigStoreError } from '../errors/config-store.error';
import { CONFIG_TOPIC, topicSpecs } from '../upstream/gateway-topics';
import { ConfigStore } from './config-store';

const SYNC_PREFIX = '__sync/';

/**
 * ConfigStore on the compacted `md.config` topic (Kafka mode): key = entity id, value = JSON
 * (`null` = deleted), latest wins. load() replays the topic from the beginning with a private
 * group and knows it has caught up when a marker it published itself comes back (md.config
 * has one partition, so the marker is ordered after everything written before it). The
 * subscription stays open and keeps the local copy current; applying other instances'
 * changes to the live registry is not done yet (each instance applies its own).
 */
export class BusConfigStore extends ConfigStore {
  private readonly entries = new Map<string, unknown>();
  private subscription: BusSubscription | undefined;
  private readonly instance = randomUUID();

  constructor(
    private readonly bus: MarketBus,
    private readonly timeoutMs = 30_000,
  ) {
    super();
  }

  async load(): Promise<ReadonlyMap<string, unknown>> {
    await this.bus.ensureTopics(topicSpecs([CONFIG_TOPIC]));
    const marker = `${SYNC_PREFIX}${this.instance}`;
    let synced: () => void = () => undefined;
    const caughtUp = new Promise<void>((resolve) => (synced = resolve));
    this.subscription = await this.bus.subscribe(
      { topics: [CONFIG_TOPIC], groupId: `gateway-config-${this.instance}`, fromBeginning: true },
      (batch: ConsumedBatch) => {
        for (const record of batch.records) {
          if (record.key.startsWith(SYNC_PREFIX)) {
            if (record.key === marker) synced();
            continue;
          }
          try {
            const value: unknown = JSON.parse(record.value.toString('utf8'));
            if (value === null) this.entries.delete(record.key);
            else this.entries.set(record.key, value);
          } catch {
            // A foreign or corrupt record must not stop the config replay; it is skipped.
          }
        }
      },
    );
    await this.bus.publish(CONFIG_TOPIC, [{ key: marker, value: Buffer.from('null') }]);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new ConfigStoreError(`md.config replay not done in ${this.timeoutMs} ms`)),
        this.timeoutMs,
      );
    });
    try {
      await Promise.race([caughtUp, timeout]);
    } finally {
      clearTimeout(timer);
    }
    return new Map(this.entries);
  }

  async put(id: string, value: unknown): Promise<void> {
    if (value === null) this.entries.delete(id);
    else this.entries.set(id, value);
    try {
      await this.bus.publish(CONFIG_TOPIC, [
        { key: id, value: Buffer.from(JSON.stringify(value)) },
      ]);
    } catch (error) {
      throw new ConfigStoreError(`cannot publish ${id} to ${CONFIG_TOPIC}`, { cause: error });
    }
  }

  async close(): Promise<void> {
    await this.subscription?.close();
    this.subscription = undefined;
  }
}
