import { BusConfig } from '@feedgate/bus';
import { DedupConfigError } from './dedup-config.error';

type Env = Readonly<Record<string, string | undefined>>;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'] as const;
export type DedupLogLevel = (typeof LOG_LEVELS)[number];
const ID = /^[A-Za-z0-9._-]{1,64}$/;
const TOPIC = /^[A-Za-z0-9._-]{1,249}$/;

/**
 * The dedup service's configuration, parsed and validated once at start-up. Env:
 * DEDUP_INSTANCE_ID (stable per instance: it names the Kafka transactional id
 * `feedgate-dedup-<id>`, so a restarted instance fences its predecessor; default `0`),
 * DEDUP_GROUP_ID (default feedgate-dedup), DEDUP_INPUT_TOPIC / DEDUP_OUTPUT_TOPIC (md.raw /
 * md.unified), DEDUP_WINDOW_MS (60000), DEDUP_MAX_IDS (40000000, over all partitions),
 * DEDUP_MAX_KEYS (1000000), DEDUP_REBUILD_MS (tail of the output read on assignment, default
 * the window), DEDUP_REBUILD_MAX_RECORDS (per partition, 200000), PORT (3002), HOST, LOG_LEVEL,
 * LOG_FORMAT, and the bus's own (KAFKA_BROKERS, BUS_*).
 */
export class DedupConfig {
  private constructor(
    readonly instanceId: string,
    readonly groupId: string,
    readonly inputTopic: string,
    readonly outputTopic: string,
    readonly windowMs: number,
    readonly maxIds: number,
    readonly maxKeys: number,
    readonly rebuildMs: number,
    readonly rebuildMaxRecords: number,
    readonly port: number,
    readonly host: string,
    readonly bus: BusConfig,
    readonly logLevel: DedupLogLevel,
    readonly prettyLogs: boolean,
  ) {}

  get transactionalId(): string {
    return `feedgate-dedup-${this.instanceId}`;
  }

  get busKind(): 'kafka' | 'in-process' {
    return this.bus.usesKafka ? 'kafka' : 'in-process';
  }

  static fromEnv(env: Env): DedupConfig {
    const windowMs = int(env, 'DEDUP_WINDOW_MS', 60_000, 100, 3_600_000);
    const level = (env.LOG_LEVEL?.trim() || 'info') as DedupLogLevel;
    if (!LOG_LEVELS.includes(level)) {
      throw new DedupConfigError('LOG_LEVEL', `one of ${LOG_LEVELS.join(', ')}`);
    }
    return new DedupConfig(
      text(env, 'DEDUP_INSTANCE_ID', '0', ID),
      text(env, 'DEDUP_GROUP_ID', 'feedgate-dedup', ID),
      text(env, 'DEDUP_INPUT_TOPIC', 'md.raw', TOPIC),
      text(env, 'DEDUP_OUTPUT_TOPIC', 'md.unified', TOPIC),
      windowMs,
      int(env, 'DEDUP_MAX_IDS', 40_000_000, 1024, 2 ** 30),
      int(env, 'DEDUP_MAX_KEYS', 1_000_000, 1, 2 ** 30),
      int(env, 'DEDUP_REBUILD_MS', windowMs, 0, 3_600_000),
      int(env, 'DEDUP_REBUILD_MAX_RECORDS', 200_000, 0, 100_000_000),
      int(env, 'PORT', 3002, 0, 65535),
      env.HOST?.trim() || '127.0.0.1',
      BusConfig.fromEnv(env as NodeJS.ProcessEnv),
      level,
      env.LOG_FORMAT?.trim() === 'pretty',
    );
  }
}

function text(env: Env, name: string, fallback: string, pattern: RegExp): string {
  const v = env[name]?.trim() || fallback;
  if (!pattern.test(v))
    throw new DedupConfigError(name, `${JSON.stringify(v)} must match ${pattern}`);
  return v;
}

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const v = Number(raw);
  if (!/^\d+$/.test(raw) || v < min || v > max) {
    throw new DedupConfigError(name, `an integer in [${min}, ${max}], got ${JSON.stringify(raw)}`);
  }
  return v;
}
