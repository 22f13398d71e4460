import { describe, expect, it } from 'vitest';
import { AppConfig } from './app.config';
import { ConfigError } from './config.error';

describe('AppConfig', () => {
  it('defaults to port 3000, loopback and the in-process bus', () => {
    const config = AppConfig.fromEnv({});
    expect(config.port).toBe(3000);
    expect(config.host).toBe('127.0.0.1');
    expect(config.busKind).toBe('in-process');
    expect(config.logLevel).toBe('info');
  });

  it('parses brokers and switches to Kafka', () => {
    const config = AppConfig.fromEnv({ KAFKA_BROKERS: '127.0.0.1:9092, kafka-2:9093', PORT: '0' });
    expect(config.bus.brokers).toEqual(['127.0.0.1:9092', 'kafka-2:9093']);
    expect(config.busKind).toBe('kafka');
    expect(config.port).toBe(0);
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
  ])('rejects %o with a typed error naming %s', (env, variable) => {
    let caught: unknown;
    try {
      AppConfig.fromEnv(env);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as ConfigError).variable).toBe(variable);
    expect((caught as ConfigError).code).toBe('CONFIG_INVALID');
  });

  it('rejects bad broker lists through the bus config', () => {
    expect(() => AppConfig.fromEnv({ KAFKA_BROKERS: 'localhost' })).toThrow(/brokers/);
  });
});
