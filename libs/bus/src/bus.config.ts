import { BusConfigError } from './errors/bus-config.error';

export type KafkaLogLevel = 'nothing' | 'error' | 'warn' | 'info' | 'debug';

/** Every tunable of the bus, with the defaults below; see BusConfig.fromEnv for env names. */
export interface BusSettings {
  /** host:port list; empty → the in-process bus. */
  readonly brokers: readonly string[];
  readonly clientId: string;
  /** Producer linger: how long a partly full batch waits for more records. */
  readonly lingerMs: number;
  /** A batch is sent as soon as it holds this many bytes (kept below Kafka's 1 MB batch limit). */
  readonly batchBytes: number;
  /** Bytes accepted but not yet acknowledged; publish() awaits while full (one larger call is refused). */
  readonly maxPendingBytes: number;
  /**
   * Concurrent produce requests = idempotent producers, each owning partitions p ≡ i (mod N)
   * with one request in flight, so per-partition order holds even when a send is retried.
   */
  readonly maxInFlight: number;
  /** One record's largest size (Kafka's default message.max.bytes is 1 MB). */
  readonly maxRecordBytes: number;
  readonly fetchMaxBytesPerPartition: number;
  readonly fetchMaxBytes: number;
  readonly fetchMinBytes: number;
  readonly fetchMaxWaitMs: number;
  /** Consumer session: a member silent this long (crashed) loses its partitions. */
  readonly sessionTimeoutMs: number;
  /** In-process retention per partition: records and bytes (the older are evicted, counted). */
  readonly retentionRecords: number;
  readonly retentionBytes: number;
  readonly logLevel: KafkaLogLevel;
}

const MIB = 1024 * 1024;

const DEFAULTS: BusSettings = {
  brokers: [],
  clientId: 'feedgate',
  lingerMs: 5,
  batchBytes: 512 * 1024,
  maxPendingBytes: 16 * MIB,
  maxInFlight: 2,
  maxRecordBytes: 1_000_000,
  fetchMaxBytesPerPartition: 4 * MIB,
  fetchMaxBytes: 32 * MIB,
  fetchMinBytes: 1,
  fetchMaxWaitMs: 100,
  sessionTimeoutMs: 30_000,
  retentionRecords: 50_000,
  retentionBytes: 8 * MIB,
  logLevel: 'warn',
};

type IntSetting = {
  [K in keyof BusSettings]: BusSettings[K] extends number ? K : never;
}[keyof BusSettings];

/** [setting, env name, min, max] of every integer setting. */
const INTS: readonly (readonly [IntSetting, string, number, number])[] = [
  ['lingerMs', 'BUS_LINGER_MS', 0, 1000],
  ['batchBytes', 'BUS_BATCH_BYTES', 1024, 64 * MIB],
  ['maxPendingBytes', 'BUS_MAX_PENDING_BYTES', 1024, 4096 * MIB],
  ['maxInFlight', 'BUS_MAX_IN_FLIGHT', 1, 5],
  ['maxRecordBytes', 'BUS_MAX_RECORD_BYTES', 1024, 64 * MIB],
  ['fetchMaxBytesPerPartition', 'BUS_FETCH_MAX_BYTES_PER_PARTITION', 1024, 256 * MIB],
  ['fetchMaxBytes', 'BUS_FETCH_MAX_BYTES', 1024, 1024 * MIB],
  ['fetchMinBytes', 'BUS_FETCH_MIN_BYTES', 1, 64 * MIB],
  ['fetchMaxWaitMs', 'BUS_FETCH_MAX_WAIT_MS', 0, 30_000],
  // Kafka's group.min/max.session.timeout.ms defaults bound it.
  ['sessionTimeoutMs', 'BUS_SESSION_TIMEOUT_MS', 6000, 300_000],
  ['retentionRecords', 'BUS_INPROC_RETENTION_RECORDS', 1, 100_000_000],
  ['retentionBytes', 'BUS_INPROC_RETENTION_BYTES', 1024, 64 * 1024 * MIB],
];

const LOG_LEVELS: readonly KafkaLogLevel[] = ['nothing', 'error', 'warn', 'info', 'debug'];
const BROKER = /^(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+):(\d{1,5})$/;

/** Validated bus settings; build it once (fromEnv or of) and inject it. Immutable. */
export class BusConfig implements BusSettings {
  readonly brokers!: readonly string[];
  readonly clientId!: string;
  readonly lingerMs!: number;
  readonly batchBytes!: number;
  readonly maxPendingBytes!: number;
  readonly maxInFlight!: number;
  readonly maxRecordBytes!: number;
  readonly fetchMaxBytesPerPartition!: number;
  readonly fetchMaxBytes!: number;
  readonly fetchMinBytes!: number;
  readonly fetchMaxWaitMs!: number;
  readonly sessionTimeoutMs!: number;
  readonly retentionRecords!: number;
  readonly retentionBytes!: number;
  readonly logLevel!: KafkaLogLevel;

  private constructor(settings: BusSettings) {
    Object.assign(this, settings, { brokers: Object.freeze([...settings.brokers]) });
    Object.freeze(this);
  }

  /** True when brokers are configured: BusModule then picks the Kafka adapter. */
  get usesKafka(): boolean {
    return this.brokers.length > 0;
  }

  /** Defaults overridden by `settings`, validated. Throws BusConfigError. */
  static of(settings: Partial<BusSettings> = {}): BusConfig {
    const merged: BusSettings = { ...DEFAULTS, ...settings };
    for (const broker of merged.brokers) {
      const match = BROKER.exec(broker);
      const port = match ? Number(match[2]) : 0;
      if (port < 1 || port > 65535) throw new BusConfigError('brokers', broker, 'host:port');
    }
    if (!/^[A-Za-z0-9._-]{1,128}$/.test(merged.clientId)) {
      throw new BusConfigError('clientId', merged.clientId, '1-128 chars of [A-Za-z0-9._-]');
    }
    for (const [name, , min, max] of INTS) {
      const value = merged[name];
      if (!Number.isSafeInteger(value) || value < min || value > max) {
        throw new BusConfigError(name, value, `an integer in [${min}, ${max}]`);
      }
    }
    if (!LOG_LEVELS.includes(merged.logLevel)) {
      throw new BusConfigError('logLevel', merged.logLevel, LOG_LEVELS.join('|'));
    }
    if (merged.batchBytes > merged.maxPendingBytes) {
      throw new BusConfigError('batchBytes', merged.batchBytes, '<= maxPendingBytes');
    }
    return new BusConfig(merged);
  }

  /**
   * Reads KAFKA_BROKERS (comma-separated host:port), KAFKA_CLIENT_ID, KAFKA_LOG_LEVEL and the
   * BUS_* integers listed in INTS. Unset or empty variables keep the default.
   */
  static fromEnv(env: NodeJS.ProcessEnv = process.env): BusConfig {
    const settings: { -readonly [K in keyof BusSettings]?: BusSettings[K] } = {};
    const brokers = env.KAFKA_BROKERS?.trim();
    if (brokers) settings.brokers = brokers.split(',').map((b) => b.trim());
    if (env.KAFKA_CLIENT_ID?.trim()) settings.clientId = env.KAFKA_CLIENT_ID.trim();
    const level = env.KAFKA_LOG_LEVEL?.trim().toLowerCase();
    if (level) settings.logLevel = level as KafkaLogLevel;
    for (const [name, envName, min, max] of INTS) {
      const text = env[envName]?.trim();
      if (!text) continue;
      const value = Number(text);
      if (!/^\d+$/.test(text) || value < min || value > max) {
        throw new BusConfigError(envName, text, `an integer in [${min}, ${max}]`);
      }
      settings[name] = value;
    }
    return BusConfig.of(settings);
  }
}
