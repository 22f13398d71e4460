import { describe, expect, it } from 'vitest';
import { GatewayConfigError } from '../errors/gateway.error';
import { GatewayConfig } from './gateway.config';

describe('GatewayConfig', () => {
  it('reads env overrides and the bootstrap admin key', () => {
    const c = GatewayConfig.fromEnv({
      GATEWAY_MAX_SUBSCRIPTIONS: '7',
      GATEWAY_MAX_LAG_MS: '250',
      FEEDGATE_ADMIN_KEY: 'a-long-enough-admin-key',
      GATEWAY_CONFIG_FILE: '/tmp/x.json',
    });
    expect(c.maxSubscriptionsPerClient).toBe(7);
    expect(c.maxLagMs).toBe(250);
    expect(c.bootstrapAdminKey).toBe('a-long-enough-admin-key');
    expect(c.configFile).toBe('/tmp/x.json');
    expect(GatewayConfig.fromEnv({}).bootstrapAdminKey).toBeUndefined();
  });

  it('rejects bad values with the setting name', () => {
    expect(() => GatewayConfig.fromEnv({ GATEWAY_MAX_SUBSCRIPTIONS: 'ten' })).toThrow(
      GatewayConfigError,
    );
    expect(() => GatewayConfig.fromEnv({ GATEWAY_MAX_SUBSCRIPTIONS: '0' })).toThrow(
      /maxSubscriptionsPerClient/,
    );
    expect(() => GatewayConfig.fromEnv({ FEEDGATE_ADMIN_KEY: 'short' })).toThrow(
      /FEEDGATE_ADMIN_KEY/,
    );
    expect(() => GatewayConfig.of({ highWaterBytes: 2048, maxBufferedBytes: 1024 })).toThrow(
      /highWaterBytes/,
    );
  });

  it('GATEWAY_WORKERS: 1 by default, bounded, and more than 1 only with Kafka', () => {
    expect(GatewayConfig.fromEnv({}).workers).toBe(1);
    const four = GatewayConfig.fromEnv({ GATEWAY_WORKERS: '4' });
    expect(four.workers).toBe(4);
    expect(() => four.requireSharedBus(true)).not.toThrow();
    expect(() => four.requireSharedBus(false)).toThrow(/GATEWAY_WORKERS: 4 workers need Kafka/);
    expect(() => GatewayConfig.fromEnv({}).requireSharedBus(false)).not.toThrow();
    expect(() => GatewayConfig.fromEnv({ GATEWAY_WORKERS: '0' })).toThrow(/workers/);
    expect(() => GatewayConfig.fromEnv({ GATEWAY_WORKERS: '65' })).toThrow(/workers/);
  });
});
