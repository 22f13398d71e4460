import { Kafka } from 'kafkajs';
import type { BusConfig } from '../bus.config';
import { KAFKA_LOG_LEVELS, nestLogCreator } from './kafka-log.creator';
import { KafkajsCoordinatorCachePatch } from './kafkajs-coordinator-cache.patch';

/** The one place a kafkajs client is built from BusConfig, so every adapter talks alike. */
export function createKafkaClient(config: BusConfig): Kafka {
  // One FindCoordinator per transactional request doubled each transaction's round trips.
  KafkajsCoordinatorCachePatch.apply();
  return new Kafka({
    clientId: config.clientId,
    brokers: [...config.brokers],
    logLevel: KAFKA_LOG_LEVELS[config.logLevel],
    logCreator: nestLogCreator,
    connectionTimeout: 3000,
    requestTimeout: 30_000,
  });
}
