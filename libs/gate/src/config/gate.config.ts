import { BusConfig } from '@feedgate/bus';
import type { Replica } from '@feedgate/codec';
import type { ChannelKind } from '@feedgate/connector';
import { CONNECTOR_PROTOCOL_IDS } from '@feedgate/exchanges';
import { GateConfigError } from './gate-config.error';
import { nativeSymbol } from './native-symbol';
import { inShard, type ShardSpec } from './shard';

type Env = Readonly<Record<string, string | undefined>>;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
const CHANNELS: readonly ChannelKind[] = ['trade', 'book', 'bbo', 'candle'];
const SYMBOL = /^[A-Z0-9]+(-[A-Z0-9]+)+$/;

export interface SymbolAssignment {
  readonly symbol: string;
  readonly nativeSymbol: string;
}

/** One exchange's share of this gate: its symbols (after the shard split) and URL overrides. */
export interface ExchangeAssignment {
  readonly exchange: string;
  readonly symbols: readonly SymbolAssignment[];
  readonly urls: { readonly ws?: string; readonly rest?: string };
}

/**
 * The gate's configuration, parsed and validated once at start-up (nothing else reads
 * process.env). Env: GATE_ID, GATE_REPLICA (A|B), GATE_SHARD (i/N), GATE_EXCHANGES,
 * GATE_SYMBOLS or GATE_SYMBOLS_<ID> (id upper-cased, `-` → `_`), GATE_CHANNELS,
 * GATE_URL_<ID>_WS / _REST, GATE_LINGER_MS, GATE_MAX_FRAME_BYTES, PORT, HOST, LOG_LEVEL,
 * LOG_FORMAT, and the bus's own (KAFKA_BROKERS, BUS_*).
 */
export class GateConfig {
  private constructor(
    readonly gateId: string,
    readonly replica: Replica,
    readonly shard: ShardSpec,
    readonly channels: readonly ChannelKind[],
    /** Exchanges with at least one symbol in this shard. */
    readonly assignments: readonly ExchangeAssignment[],
    readonly lingerMs: number,
    readonly maxFrameBytes: number,
    readonly port: number,
    readonly host: string,
    readonly bus: BusConfig,
    readonly logLevel: LogLevel,
    readonly prettyLogs: boolean,
  ) {}

  static fromEnv(env: Env): GateConfig {
    const replica = parseReplica(env.GATE_REPLICA);
    const shard = parseShard(env.GATE_SHARD);
    const exchanges = parseList(env.GATE_EXCHANGES, 'GATE_EXCHANGES', ['binance']);
    for (const id of exchanges) {
      if (!CONNECTOR_PROTOCOL_IDS.includes(id)) {
        throw new GateConfigError(
          'GATE_EXCHANGES',
          `unknown exchange ${JSON.stringify(id)}; known: ${CONNECTOR_PROTOCOL_IDS.join(', ')}`,
        );
      }
    }
    const defaultSymbols = parseList(env.GATE_SYMBOLS, 'GATE_SYMBOLS', ['BTC-USDT', 'ETH-USDT']);
    const assignments = exchanges
      .map((exchange) => assign(env, exchange, defaultSymbols, shard))
      .filter((a) => a.symbols.length > 0);
    const channels = parseList(env.GATE_CHANNELS, 'GATE_CHANNELS', ['trade', 'book', 'bbo']);
    for (const c of channels) {
      if (!(CHANNELS as readonly string[]).includes(c)) {
        throw new GateConfigError('GATE_CHANNELS', `unknown channel ${JSON.stringify(c)}`);
      }
    }
    return new GateConfig(
      env.GATE_ID?.trim() || `gate-${replica.toLowerCase()}-${shard.index}`,
      replica,
      shard,
      channels as ChannelKind[],
      assignments,
      parseInt(env.GATE_LINGER_MS, 'GATE_LINGER_MS', 5, 0, 1000),
      parseInt(env.GATE_MAX_FRAME_BYTES, 'GATE_MAX_FRAME_BYTES', 64 * 1024, 1024, 1_000_000),
      parseInt(env.PORT, 'PORT', 3001, 0, 65535),
      env.HOST?.trim() || '127.0.0.1',
      BusConfig.fromEnv({ ...env } as NodeJS.ProcessEnv),
      parseLogLevel(env.LOG_LEVEL),
      env.LOG_FORMAT === 'json' ? false : env.LOG_FORMAT === 'pretty' || !env.CI,
    );
  }

  get busKind(): 'kafka' | 'in-process' {
    return this.bus.usesKafka ? 'kafka' : 'in-process';
  }
}

function assign(
  env: Env,
  exchange: string,
  defaults: readonly string[],
  shard: ShardSpec,
): ExchangeAssignment {
  const suffix = exchange.toUpperCase().replace(/-/g, '_');
  const name = `GATE_SYMBOLS_${suffix}`;
  const symbols = parseList(env[name], name, defaults);
  const out: SymbolAssignment[] = [];
  for (const symbol of symbols) {
    if (!SYMBOL.test(symbol)) {
      throw new GateConfigError(name, `not a normalized symbol: ${JSON.stringify(symbol)}`);
    }
    const native = nativeSymbol(exchange, symbol);
    if (native === undefined) throw new GateConfigError(name, `no symbol mapping for ${exchange}`);
    if (inShard(`${exchange}:${symbol}`, shard)) out.push({ symbol, nativeSymbol: native });
  }
  return {
    exchange,
    symbols: out,
    urls: {
      ws: parseUrl(env[`GATE_URL_${suffix}_WS`], `GATE_URL_${suffix}_WS`, ['ws:', 'wss:']),
      rest: parseUrl(env[`GATE_URL_${suffix}_REST`], `GATE_URL_${suffix}_REST`, [
        'http:',
        'https:',
      ]),
    },
  };
}

function parseReplica(raw: string | undefined): Replica {
  const v = raw?.trim() || 'A';
  if (v === 'A' || v === 'B') return v;
  throw new GateConfigError('GATE_REPLICA', `expected A or B, got ${JSON.stringify(raw)}`);
}

function parseShard(raw: string | undefined): ShardSpec {
  const v = raw?.trim() || '0/1';
  const m = /^(\d+)\/(\d+)$/.exec(v);
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || count > 1024 || index >= count) {
    throw new GateConfigError(
      'GATE_SHARD',
      `expected i/N with 0 ≤ i < N ≤ 1024, got ${JSON.stringify(raw)}`,
    );
  }
  return { index, count };
}

function parseList(raw: string | undefined, name: string, fallback: readonly string[]): string[] {
  if (raw === undefined || raw.trim() === '') return [...fallback];
  const items = raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (items.length === 0) throw new GateConfigError(name, 'empty list');
  const unique = new Set(items);
  if (unique.size !== items.length) throw new GateConfigError(name, 'duplicate entries');
  return items;
}

function parseUrl(
  raw: string | undefined,
  name: string,
  protocols: readonly string[],
): string | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new GateConfigError(name, `not a URL: ${JSON.stringify(raw)}`);
  }
  if (!protocols.includes(url.protocol)) {
    throw new GateConfigError(name, `expected ${protocols.join(' or ')} URL, got ${url.protocol}`);
  }
  return raw.trim();
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
    throw new GateConfigError(
      name,
      `expected an integer ${min}..${max}, got ${JSON.stringify(raw)}`,
    );
  }
  return n;
}

function parseLogLevel(raw: string | undefined): LogLevel {
  if (raw === undefined || raw === '') return 'info';
  if ((LOG_LEVELS as readonly string[]).includes(raw)) return raw as LogLevel;
  throw new GateConfigError(
    'LOG_LEVEL',
    `expected one of ${LOG_LEVELS.join(', ')}, got ${JSON.stringify(raw)}`,
  );
}
