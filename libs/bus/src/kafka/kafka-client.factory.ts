import { Kafka } from 'kafkajs';
import type { BusConfig } from '../bus.config';
import { KAFKA_LOG_LEVELS, nestLogCreator } from './kafka-log.creator';

/** The one place a kafkajs client is built from BusConfig, so every adapter talks alike. */
export function createKafkaClient(config: BusConfig): Kafka {
  return new Kafka({
    clientId: config.clientId,
    brokers: [...config.brokers],
    logLevel: KAFKA_LOG_LEVELS[config.logLevel],
    logCreator: nestLogCreator,
    connectionTimeout: 3000,
    requestTimeout: 30_000,
  });
}
