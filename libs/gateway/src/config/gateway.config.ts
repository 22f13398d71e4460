import { GatewayConfigError } from '../errors/gateway.error';

type Env = Readonly<Record<string, string | undefined>>;

/** Every tunable of the gateway; defaults below, env names in GatewayConfig.fromEnv. */
export interface GatewaySettings {
  /** Subscriptions one client may hold at once. */
  readonly maxSubscriptionsPerClient: number;
  /** Inbound token bucket: sustained messages/s and burst size. */
  readonly inboundRatePerSec: number;
  readonly inboundBurst: number;
  /** Rate-limit violations tolerated (each gets an error reply) before the socket is closed. */
  readonly maxRateViolations: number;
  /** Largest inbound WebSocket frame (ws maxPayload); larger ones close the socket with 1009. */
  readonly maxPayloadBytes: number;
  /** Above this ws.bufferedAmount the client counts as behind: updates are queued/conflated. */
  readonly highWaterBytes: number;
  /** A client whose ws.bufferedAmount passes this is disconnected (4008). */
  readonly maxBufferedBytes: number;
  /** Trades (and other non-conflatable messages) queued per client while behind. */
  readonly maxQueuedMessages: number;
  /** A client continuously behind for this long is disconnected (4008). */
  readonly maxLagMs: number;
  /** Protocol ping interval; a client that has not answered the previous ping is dropped. */
  readonly heartbeatMs: number;
  /** Price levels kept per side of a maintained book (the deepest are dropped beyond). */
  readonly maxBookLevels: number;
  /** JSON file of admin changes in embedded mode. */
  readonly configFile: string;
  /** FEEDGATE_ADMIN_KEY: accepted as an admin key when set (bootstrap). */
  readonly bootstrapAdminKey: string | undefined;
  /** Audit entries kept in memory for GET /admin/audit. */
  readonly auditCapacity: number;
  /**
   * GATEWAY_WORKERS: gateway processes of apps/gateway (node:cluster, sharing PORT). 1 = no
   * cluster. More than 1 needs Kafka: see requireSharedBus.
   */
  readonly workers: number;
}

const DEFAULTS: GatewaySettings = {
  maxSubscriptionsPerClient: 100,
  inboundRatePerSec: 20,
  inboundBurst: 40,
  maxRateViolations: 5,
  maxPayloadBytes: 16 * 1024,
  highWaterBytes: 256 * 1024,
  maxBufferedBytes: 4 * 1024 * 1024,
  maxQueuedMessages: 5000,
  maxLagMs: 5000,
  maxBookLevels: 1000,
  heartbeatMs: 30_000,
  configFile: 'data/feedgate-config.json',
  bootstrapAdminKey: undefined,
  auditCapacity: 1000,
  workers: 1,
};

type IntKey = {
  [K in keyof GatewaySettings]: GatewaySettings[K] extends number ? K : never;
}[keyof GatewaySettings];

/** [setting, env name, min, max] */
const INTS: readonly (readonly [IntKey, string, number, number])[] = [
  ['maxSubscriptionsPerClient', 'GATEWAY_MAX_SUBSCRIPTIONS', 1, 100_000],
  ['inboundRatePerSec', 'GATEWAY_INBOUND_RATE', 1, 100_000],
  ['inboundBurst', 'GATEWAY_INBOUND_BURST', 1, 100_000],
  ['maxRateViolations', 'GATEWAY_MAX_RATE_VIOLATIONS', 0, 1000],
  ['maxPayloadBytes', 'GATEWAY_MAX_PAYLOAD_BYTES', 256, 16 * 1024 * 1024],
  ['highWaterBytes', 'GATEWAY_HIGH_WATER_BYTES', 1024, 1024 * 1024 * 1024],
  ['maxBufferedBytes', 'GATEWAY_MAX_BUFFERED_BYTES', 1024, 1024 * 1024 * 1024],
  ['maxQueuedMessages', 'GATEWAY_MAX_QUEUED_MESSAGES', 1, 10_000_000],
  ['maxLagMs', 'GATEWAY_MAX_LAG_MS', 10, 3_600_000],
  ['maxBookLevels', 'GATEWAY_MAX_BOOK_LEVELS', 1, 100_000],
  ['heartbeatMs', 'GATEWAY_HEARTBEAT_MS', 50, 600_000],
  ['auditCapacity', 'GATEWAY_AUDIT_CAPACITY', 1, 1_000_000],
  ['workers', 'GATEWAY_WORKERS', 1, 64],
];

/** Validated, immutable gateway settings; build once (fromEnv / of) and inject. */
export class GatewayConfig implements GatewaySettings {
  readonly maxSubscriptionsPerClient!: number;
  readonly inboundRatePerSec!: number;
  readonly inboundBurst!: number;
  readonly maxRateViolations!: number;
  readonly maxPayloadBytes!: number;
  readonly highWaterBytes!: number;
  readonly maxBufferedBytes!: number;
  readonly maxQueuedMessages!: number;
  readonly maxLagMs!: number;
  readonly maxBookLevels!: number;
  readonly heartbeatMs!: number;
  readonly configFile!: string;
  readonly bootstrapAdminKey!: string | undefined;
  readonly auditCapacity!: number;
  readonly workers!: number;

  private constructor(settings: GatewaySettings) {
    Object.assign(this, settings);
    Object.freeze(this);
  }

  /** Defaults overridden by `settings`, validated. Throws GatewayConfigError. */
  static of(settings: Partial<GatewaySettings> = {}): GatewayConfig {
    const merged: GatewaySettings = { ...DEFAULTS, ...settings };
    for (const [name, , min, max] of INTS) {
      const v = merged[name];
      if (!Number.isSafeInteger(v) || v < min || v > max) {
        throw new GatewayConfigError(name, `expected an integer in [${min}, ${max}], got ${v}`);
      }
    }
    if (merged.highWaterBytes > merged.maxBufferedBytes) {
      throw new GatewayConfigError('highWaterBytes', 'must not exceed maxBufferedBytes');
    }
    if (merged.bootstrapAdminKey !== undefined && merged.bootstrapAdminKey.length < 16) {
      // A short bootstrap key would be guessable; refuse it rather than run exposed.
      throw new GatewayConfigError('FEEDGATE_ADMIN_KEY', 'must be at least 16 characters');
    }
    if (!merged.configFile.trim()) throw new GatewayConfigError('configFile', 'empty path');
    return new GatewayConfig(merged);
  }

  /**
   * Several workers each need every upstream event and the same admin changes: only Kafka
   * gives that across processes. Embedded mode's in-process bus lives inside one process (a
   * second worker would see no data and its own, diverging config), so it is refused.
   */
  requireSharedBus(usesKafka: boolean): void {
    if (this.workers > 1 && !usesKafka) {
      throw new GatewayConfigError(
        'GATEWAY_WORKERS',
        `${this.workers} workers need Kafka (set KAFKA_BROKERS): the in-process bus of ` +
          'embedded mode cannot be shared across processes; use GATEWAY_WORKERS=1',
      );
    }
  }

  /** GATEWAY_* integers of INTS, GATEWAY_CONFIG_FILE, FEEDGATE_ADMIN_KEY. Empty = default. */
  static fromEnv(env: Env = process.env): GatewayConfig {
    const settings: { -readonly [K in keyof GatewaySettings]?: GatewaySettings[K] } = {};
    for (const [name, envName] of INTS) {
      const text = env[envName]?.trim();
      if (!text) continue;
      if (!/^\d+$/.test(text)) throw new GatewayConfigError(envName, `not an integer: ${text}`);
      settings[name] = Number(text);
    }
    const file = env.GATEWAY_CONFIG_FILE?.trim();
    if (file) settings.configFile = file;
    const adminKey = env.FEEDGATE_ADMIN_KEY?.trim();
    if (adminKey) settings.bootstrapAdminKey = adminKey;
    return GatewayConfig.of(settings);
  }
}
