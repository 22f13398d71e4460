import { Logger } from '@nestjs/common';
import { type LogEntry, type logCreator, logLevel } from 'kafkajs';
import type { KafkaLogLevel } from '../bus.config';

export const KAFKA_LOG_LEVELS: Readonly<Record<KafkaLogLevel, logLevel>> = {
  nothing: logLevel.NOTHING,
  error: logLevel.ERROR,
  warn: logLevel.WARN,
  info: logLevel.INFO,
  debug: logLevel.DEBUG,
};

/**
 * Routes kafkajs logs to Nest's Logger (kafkajs would write to the console otherwise), one
 * logger context per kafkajs namespace, with kafkajs's structured fields kept as JSON.
 */
export const nestLogCreator: logCreator = () => {
  const loggers = new Map<string, Logger>();
  return ({ namespace, level, log }: LogEntry) => {
    const context = namespace ? `kafkajs:${namespace}` : 'kafkajs';
    let logger = loggers.get(context);
    if (!logger) loggers.set(context, (logger = new Logger(context)));
    const { message, timestamp: _timestamp, logger: _name, ...extra } = log;
    const line = Object.keys(extra).length > 0 ? `${message} ${safeJson(extra)}` : message;
    // kafkajs logs every broker error response at ERROR, including routine retriable ones
    // (a rebalance answering a heartbeat); the layer that handles it warns when it matters.
    const routine = namespace === 'Connection' && message.startsWith('Response ');
    if (level === logLevel.ERROR && !routine) logger.error(line);
    else if (routine) logger.debug(line);
    else if (level === logLevel.WARN) logger.warn(line);
    else if (level === logLevel.INFO) logger.log(line);
    else logger.debug(line);
  };
};

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
  } catch {
    return '[unserializable]';
  }
}
