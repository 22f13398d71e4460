import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import type { BusSubscription, ConsumedBatch, ConsumedRecord, MarketBus } from '@feedgate/bus';
import { ConfigStoreError } from '../errors/config-store.error';
import { CONFIG_TOPIC, topicSpecs } from '../upstream/gateway-topics';
import { ConfigStore, type ConfigChangeListener } from './config-store';

const SYNC_PREFIX = '__sync/';
/** Header naming the instance that wrote a record: its own records are not echoed back. */
const ORIGIN_HEADER = 'fg-origin';

/**
 * ConfigStore on the compacted `md.config` topic (Kafka mode): key = entity id, value = JSON
 * (`null` = deleted), latest wins. load() replays the topic from the beginning with a private
 * group and knows it has caught up when a marker it published itself comes back (md.config
 * has one partition, so the marker is ordered after everything written before it). The
 * subscription stays open: records after the marker that another instance wrote (origin
 * header) update the local copy and go to the onChange listeners, which apply them live.
 */
export class BusConfigStore extends ConfigStore {
  private readonly logger = new Logger(BusConfigStore.name);
  private readonly entries = new Map<string, unknown>();
  private readonly listeners = new Set<ConfigChangeListener>();
  private subscription: BusSubscription | undefined;
  private readonly instance = randomUUID();
  /** Set once our own marker came back: later foreign records are live changes. */
  private live = false;

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
            if (record.key === marker) {
              this.live = true;
              synced();
            }
            continue;
          }
          this.onRecord(record);
        }
      },
    );
    await this.bus.publish(CONFIG_TOPIC, [
      { key: marker, value: Buffer.from('null'), headers: { [ORIGIN_HEADER]: this.instance } },
    ]);
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
        {
          key: id,
          value: Buffer.from(JSON.stringify(value)),
          headers: { [ORIGIN_HEADER]: this.instance },
        },
      ]);
    } catch (error) {
      throw new ConfigStoreError(`cannot publish ${id} to ${CONFIG_TOPIC}`, { cause: error });
    }
  }

  override onChange(listener: ConfigChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.listeners.clear();
    await this.subscription?.close();
    this.subscription = undefined;
  }

  private onRecord(record: ConsumedRecord): void {
    let value: unknown;
    try {
      value = JSON.parse(record.value.toString('utf8'));
    } catch {
      // A foreign or corrupt record must not stop the config replay; it is skipped.
      return;
    }
    const own = record.headers[ORIGIN_HEADER]?.toString('utf8') === this.instance;
    // Our own puts already updated `entries` (and the caller applied them): not echoed.
    if (own) return;
    if (value === null) this.entries.delete(record.key);
    else this.entries.set(record.key, value);
    if (!this.live) return;
    for (const listener of this.listeners) {
      try {
        listener({ id: record.key, value });
      } catch (error) {
        // One listener's failure must not keep the others (or later records) from applying.
        this.logger.warn(`config change ${record.key} not applied: ${(error as Error).message}`);
      }
    }
  }
}
