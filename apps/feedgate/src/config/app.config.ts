import { BusConfig } from '@feedgate/bus';
import { ConfigError } from './config.error';

type Env = Readonly<Record<string, string | undefined>>;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * The all-in-one app's configuration, parsed and validated once at start-up and injected
 * as this typed object: nothing else reads process.env.
 */
export class AppConfig {
  private constructor(
    /** HTTP port of the gateway; 0 picks a free port (tests). */
    readonly port: number,
    /** Interface to bind; loopback by default so a dev box never exposes it by accident. */
    readonly host: string,
    /** Bus settings (KAFKA_BROKERS set → Kafka, else the embedded in-process bus). */
    readonly bus: BusConfig,
    readonly logLevel: LogLevel,
    /** Human-readable logs (pino-pretty style) instead of JSON lines. */
    readonly prettyLogs: boolean,
  ) {}

  static fromEnv(env: Env): AppConfig {
    return new AppConfig(
      parsePort(env.PORT, 3000),
      env.HOST?.trim() || '127.0.0.1',
      BusConfig.fromEnv(env as NodeJS.ProcessEnv),
      parseLogLevel(env.LOG_LEVEL),
      env.LOG_FORMAT === 'json' ? false : env.LOG_FORMAT === 'pretty' || !env.CI,
    );
  }

  get busKind(): 'kafka' | 'in-process' {
    return this.bus.usesKafka ? 'kafka' : 'in-process';
  }
}

function parsePort(raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw.trim() === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError('PORT', `expected an integer 0..65535, got ${JSON.stringify(raw)}`);
  }
  return port;
}

function parseLogLevel(raw: string | undefined): LogLevel {
  if (raw === undefined || raw === '') return 'info';
  if ((LOG_LEVELS as readonly string[]).includes(raw)) return raw as LogLevel;
  throw new ConfigError(
    'LOG_LEVEL',
    `expected one of ${LOG_LEVELS.join(', ')}, got ${JSON.stringify(raw)}`,
  );
}
