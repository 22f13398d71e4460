import { describe, expect, it } from 'vitest';
import { BusConfig } from './bus.config';
import { BusConfigError } from './errors/bus-config.error';

describe('BusConfig', () => {
  it('defaults to the in-process bus with sane producer and fetch settings', () => {
    const config = BusConfig.fromEnv({});
    expect(config.usesKafka).toBe(false);
    expect(config.brokers).toEqual([]);
    expect(config.lingerMs).toBe(5);
    expect(config.maxInFlight).toBe(2);
    expect(config.batchBytes).toBeLessThanOrEqual(config.maxPendingBytes);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('parses KAFKA_* and BUS_* variables', () => {
    const config = BusConfig.fromEnv({
      KAFKA_BROKERS: ' 127.0.0.1:9092, kafka-2.local:19092 ',
      KAFKA_CLIENT_ID: 'gate-1',
      KAFKA_LOG_LEVEL: 'INFO',
      BUS_LINGER_MS: '2',
      BUS_BATCH_BYTES: '262144',
      BUS_MAX_IN_FLIGHT: '3',
      BUS_FETCH_MAX_WAIT_MS: '50',
      BUS_INPROC_RETENTION_RECORDS: '1000',
    });
    expect(config.usesKafka).toBe(true);
    expect(config.brokers).toEqual(['127.0.0.1:9092', 'kafka-2.local:19092']);
    expect(config.clientId).toBe('gate-1');
    expect(config.logLevel).toBe('info');
    expect([config.lingerMs, config.batchBytes, config.maxInFlight]).toEqual([2, 262144, 3]);
    expect([config.fetchMaxWaitMs, config.retentionRecords]).toEqual([50, 1000]);
  });

  it.each([
    [{ KAFKA_BROKERS: 'localhost' }, 'brokers'],
    [{ KAFKA_BROKERS: '127.0.0.1:70000' }, 'brokers'],
    [{ KAFKA_CLIENT_ID: 'has space' }, 'clientId'],
    [{ KAFKA_LOG_LEVEL: 'loud' }, 'logLevel'],
    [{ BUS_LINGER_MS: 'soon' }, 'BUS_LINGER_MS'],
    [{ BUS_LINGER_MS: '-1' }, 'BUS_LINGER_MS'],
    [{ BUS_MAX_IN_FLIGHT: '6' }, 'BUS_MAX_IN_FLIGHT'],
    [{ BUS_BATCH_BYTES: '4194304', BUS_MAX_PENDING_BYTES: '1048576' }, 'batchBytes'],
  ])('refuses %j with BusConfigError naming %s', (env, setting) => {
    let error: unknown;
    try {
      BusConfig.fromEnv(env);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(BusConfigError);
    expect(error).toMatchObject({ code: 'BUS_CONFIG', setting });
  });

  it('validates settings given in code too', () => {
    expect(() => BusConfig.of({ lingerMs: 1.5 })).toThrow(BusConfigError);
    expect(BusConfig.of({ lingerMs: 0 }).lingerMs).toBe(0);
  });
});
