import { BusConfig } from '@feedgate/bus';
import { isExchangeId } from '@feedgate/core';
import { GatewayConfig } from '@feedgate/gateway';
import type { EmbeddedOptions } from '../embedded/embedded.options';
import { ConfigError } from './config.error';

/** The six exchanges with a connector, an emulator dialect and a parser (issue 3). */
const DEFAULT_EXCHANGES = ['binance', 'binance-futures', 'coinbase', 'kraken', 'okx', 'bybit'];
const DEFAULT_SYMBOLS = ['BTC-USDT', 'ETH-USDT', 'SOL-USDT'];

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
    /** What the embedded pipeline runs (emulator, gates A/B, dedup, aggregator). */
    readonly embedded: EmbeddedOptions,
    /** Trader gateway and admin settings (GATEWAY_*, FEEDGATE_ADMIN_KEY). */
    readonly gateway: GatewayConfig,
  ) {}

  static fromEnv(env: Env): AppConfig {
    return new AppConfig(
      parsePort(env.PORT, 3000),
      env.HOST?.trim() || '127.0.0.1',
      BusConfig.fromEnv(env as NodeJS.ProcessEnv),
      parseLogLevel(env.LOG_LEVEL),
      env.LOG_FORMAT === 'json' ? false : env.LOG_FORMAT === 'pretty' || !env.CI,
      {
        exchanges: parseExchanges(env.FEEDGATE_EXCHANGES),
        symbols: parseSymbols(env.FEEDGATE_SYMBOLS),
        ratePerSymbol: parseInt(env.FEEDGATE_RATE, 'FEEDGATE_RATE', 20, 0, 100_000),
        seed: parseInt(env.FEEDGATE_SEED, 'FEEDGATE_SEED', 42, 0, 2 ** 31 - 1),
        logEverySec: parseInt(env.FEEDGATE_LOG_EVERY_SEC, 'FEEDGATE_LOG_EVERY_SEC', 5, 1, 3600),
      },
      GatewayConfig.fromEnv(env),
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

function parseInt(
  raw: string | undefined,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  if (raw === undefined || raw.trim() === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new ConfigError(name, `expected an integer ${min}..${max}, got ${JSON.stringify(raw)}`);
  }
  return n;
}

function parseExchanges(raw: string | undefined): readonly string[] {
  if (raw === undefined || raw.trim() === '') return DEFAULT_EXCHANGES;
  const ids = raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const id of ids) {
    if (!isExchangeId(id) || !DEFAULT_EXCHANGES.includes(id)) {
      throw new ConfigError(
        'FEEDGATE_EXCHANGES',
        `no connector for ${JSON.stringify(id)}; known: ${DEFAULT_EXCHANGES.join(', ')}`,
      );
    }
  }
  return ids;
}

function parseSymbols(raw: string | undefined): readonly string[] {
  if (raw === undefined || raw.trim() === '') return DEFAULT_SYMBOLS;
  const symbols = raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const s of symbols) {
    if (!/^[A-Z0-9]+-[A-Z0-9]+$/.test(s)) {
      throw new ConfigError(
        'FEEDGATE_SYMBOLS',
        `expected spot symbols like BTC-USDT, got ${JSON.stringify(s)}`,
      );
    }
  }
  return symbols;
}
