import { Logger } from '@nestjs/common';
import type { Admin, Kafka } from 'kafkajs';
import { BusConfig } from '../bus.config';
import type { BusSubscription } from '../bus-subscription';
import type { BusRecord, SubscribeOptions, TopicSpec } from '../bus.types';
import {
  checkRecords,
  checkSubscribeOptions,
  checkTopicName,
  checkTopicSpecs,
} from '../bus-validation';
import { BusAdminError } from '../errors/bus-admin.error';
import { BusClosedError } from '../errors/bus-closed.error';
import { BusConnectionError } from '../errors/bus-connection.error';
import { BusUnknownTopicError } from '../errors/bus-unknown-topic.error';
import { type BatchHandler, MarketBus } from '../market-bus';
import { createKafkaClient } from './kafka-client.factory';
import { kafkaErrorTypes } from './kafka-error.chain';
import { KafkaProducerPool } from './kafka-producer.pool';
import { KafkaSubscription } from './kafka.subscription';

/** True when kafkajs failed because a topic does not exist (any level of its cause chain). */
function isUnknownTopic(error: unknown): boolean {
  return kafkaErrorTypes(error).includes('UNKNOWN_TOPIC_OR_PARTITION');
}

const READY_TIMEOUT_MS = 60_000;
const ADMIN_TIMEOUT_MS = 10_000;

/**
 * MarketBus on Apache Kafka through kafkajs 2.2.4: a pool of idempotent producers fed by linger
 * batchers (kafka-producer.pool.ts), one kafkajs consumer per subscription, one admin client
 * for topics. Connections open lazily on first use. Partition counts are read once per topic:
 * partitions added later are used after a restart (keys would move anyway).
 */
export class KafkaBus extends MarketBus {
  private readonly logger = new Logger(KafkaBus.name);
  private readonly kafka: Kafka;
  private readonly producers: KafkaProducerPool;
  /** Topic → partition count (0 = exists, count not read yet). */
  private readonly topics = new Map<string, number>();
  private readonly subscriptions = new Set<KafkaSubscription>();
  private adminReady: Promise<Admin> | undefined;
  private closed = false;

  constructor(private readonly config: BusConfig) {
    super();
    if (!config.usesKafka) throw new BusConnectionError('KafkaBus needs KAFKA_BROKERS');
    this.kafka = createKafkaClient(config);
    this.producers = new KafkaProducerPool(this.kafka, config);
  }

  async ensureTopics(specs: readonly TopicSpec[]): Promise<void> {
    this.checkOpen();
    checkTopicSpecs(specs);
    const admin = await this.admin();
    await this.refreshTopics();
    const missing = specs.filter((s) => !this.topics.has(s.topic));
    if (missing.length === 0) return;
    let failure: unknown;
    try {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((s) => ({
          topic: s.topic,
          numPartitions: s.partitions,
          replicationFactor: s.replicationFactor ?? 1,
          configEntries: Object.entries(s.configs ?? {}).map(([name, value]) => ({ name, value })),
        })),
      });
    } catch (error) {
      // Another process may have created them meanwhile; what counts is that they exist now.
      failure = error;
      this.logger.debug(`createTopics: ${String(error)}`);
    }
    const names = missing.map((s) => s.topic);
    if (!(await this.awaitTopics(names, true))) {
      throw new BusAdminError(`topics not created: ${names.join(', ')}`, failure);
    }
  }

  /** An admin operation for throwaway topics, not for hot paths (producers may be recreated). */
  async deleteTopics(topics: readonly string[]): Promise<void> {
    this.checkOpen();
    topics.forEach(checkTopicName);
    const admin = await this.admin();
    await this.refreshTopics();
    const existing = topics.filter((t) => this.topics.has(t));
    if (existing.length === 0) return;
    try {
      await admin.deleteTopics({ topics: existing, timeout: ADMIN_TIMEOUT_MS });
    } catch (error) {
      throw new BusAdminError(`delete of ${existing.join(', ')} failed`, error);
    }
    if (!(await this.awaitTopics(existing, false))) {
      throw new BusAdminError(`topics still listed after delete: ${existing.join(', ')}`);
    }
    await this.producers.forgetTopics(existing);
  }

  async publish(topic: string, records: readonly BusRecord[]): Promise<void> {
    this.checkOpen();
    checkTopicName(topic);
    checkRecords(records, this.config.maxRecordBytes);
    const partitions = this.topics.get(topic) || (await this.partitionsOf(topic));
    return this.producers.publish(topic, records, partitions);
  }

  async subscribe(options: SubscribeOptions, handler: BatchHandler): Promise<BusSubscription> {
    this.checkOpen();
    const normalized = checkSubscribeOptions(options);
    if (normalized.topics.some((t) => !this.topics.has(t))) await this.refreshTopics();
    const unknown = normalized.topics.find((t) => !this.topics.has(t));
    if (unknown !== undefined) throw new BusUnknownTopicError(unknown);
    const consumer = this.kafka.consumer({
      groupId: normalized.groupId,
      allowAutoTopicCreation: false,
      maxBytesPerPartition: this.config.fetchMaxBytesPerPartition,
      maxBytes: this.config.fetchMaxBytes,
      minBytes: this.config.fetchMinBytes,
      maxWaitTimeInMs: this.config.fetchMaxWaitMs,
      sessionTimeout: this.config.sessionTimeoutMs,
      heartbeatInterval: Math.floor(this.config.sessionTimeoutMs / 10),
      // kafkajs would restart forever on a deleted topic; the subscription fails instead.
      retry: { restartOnFailure: async (error) => !isUnknownTopic(error) },
    });
    const subscription = new KafkaSubscription(consumer, normalized, handler);
    this.subscriptions.add(subscription);
    void subscription.done
      .catch(() => undefined)
      .finally(() => this.subscriptions.delete(subscription));
    await subscription.start(READY_TIMEOUT_MS);
    return subscription;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((s) => s.close()));
    await this.producers.close();
    await Promise.allSettled([this.adminReady?.then((admin) => admin.disconnect())]);
  }

  private async partitionsOf(topic: string): Promise<number> {
    if (!this.topics.has(topic)) await this.refreshTopics();
    if (!this.topics.has(topic)) throw new BusUnknownTopicError(topic);
    const admin = await this.admin();
    const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
    const count = topics[0]?.partitions.length ?? 0;
    if (count === 0) throw new BusUnknownTopicError(topic);
    this.topics.set(topic, count);
    return count;
  }

  private admin(): Promise<Admin> {
    this.adminReady ??= (async () => {
      const admin = this.kafka.admin();
      try {
        await admin.connect();
        return admin;
      } catch (error) {
        this.adminReady = undefined;
        throw new BusConnectionError(
          `cannot reach Kafka at ${this.config.brokers.join(',')}`,
          error,
        );
      }
    })();
    return this.adminReady;
  }

  /** Polls the topic list until all `names` are present (or absent); false on timeout. */
  private async awaitTopics(names: readonly string[], present: boolean): Promise<boolean> {
    const admin = await this.admin();
    const deadline = Date.now() + ADMIN_TIMEOUT_MS;
    for (;;) {
      const listed = new Set(await admin.listTopics());
      if (names.every((t) => listed.has(t) === present)) {
        for (const t of names) {
          if (present && !this.topics.has(t)) this.topics.set(t, 0);
          if (!present) this.topics.delete(t);
        }
        return true;
      }
      if (Date.now() > deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  private async refreshTopics(): Promise<void> {
    const admin = await this.admin();
    for (const topic of await admin.listTopics()) {
      if (!this.topics.has(topic)) this.topics.set(topic, 0);
    }
  }

  private checkOpen(): void {
    if (this.closed) throw new BusClosedError('Kafka bus');
  }
}
