import { EmulatorError } from '../emulator.error';
import { SCENARIO_KINDS, type MarketScenario, type ScenarioKind } from '../market/market-scenario';
import type { SymbolMarket } from '../market/symbol-market';
import type { ExchangeServer } from '../transport/exchange.server';
import type { ScenarioRequest, ScenarioResult } from './scenario-request';

const MAX_MS = 3_600_000;

/** Parameters each kind takes (anything else in a request is a mistake worth a 400). */
const PARAMS: Readonly<Record<ScenarioKind, readonly string[]>> = {
  'price-spike': ['durationMs', 'bps'],
  'crossed-book': ['durationMs', 'ticks'],
  'locked-book': ['durationMs'],
  'volume-spike': ['durationMs', 'factor'],
  'wash-trades': ['count'],
};
const COMMON = new Set(['exchange', 'kind', 'symbol', 'delayMs']);

/**
 * Queues market scenarios on the symbol markets of one exchange. Like the time-bound faults they
 * need no timers: each market starts and ends its scenario on its own clock ticks, and the
 * exchange server records both in the ground truth when the batch carrying them goes out.
 */
export class ScenarioInjector {
  constructor(
    private readonly servers: ReadonlyMap<string, ExchangeServer>,
    private readonly now: () => number = Date.now,
  ) {}

  apply(input: unknown): ScenarioResult {
    const req = validate(input);
    const server = this.servers.get(req.exchange);
    if (!server) {
      throw new EmulatorError('EMULATOR_UNKNOWN_EXCHANGE', `exchange not served: ${req.exchange}`);
    }
    const markets =
      req.symbol === undefined ? [...server.market.markets.values()] : [market(server, req.symbol)];
    const startsAt = this.now() + (req.delayMs ?? 0);
    const scenario = toMarketScenario(req, startsAt);
    const full = markets.filter((m) => !m.playScenario(scenario));
    if (full.length > 0) {
      throw new EmulatorError(
        'EMULATOR_BAD_SCENARIO',
        `too many scenarios waiting on ${full.map((m) => m.options.symbol).join(', ')}`,
      );
    }
    return {
      exchange: req.exchange,
      kind: req.kind,
      symbols: markets.map((m) => m.options.symbol),
      startsAt,
    };
  }
}

function market(server: ExchangeServer, symbol: string): SymbolMarket {
  const m = server.market.get(symbol) ?? server.market.get(server.dialect.nativeSymbol(symbol));
  if (!m) {
    throw new EmulatorError(
      'EMULATOR_UNKNOWN_SYMBOL',
      `symbol not served on ${server.dialect.id}: ${symbol}`,
    );
  }
  return m;
}

function toMarketScenario(r: ScenarioRequest, notBefore: number): MarketScenario {
  const durationMs = r.durationMs ?? 5_000;
  switch (r.kind) {
    case 'price-spike':
      return { kind: r.kind, notBefore, durationMs, bps: r.bps ?? 500 };
    case 'crossed-book':
      return { kind: r.kind, notBefore, durationMs, ticks: r.ticks ?? 5 };
    case 'locked-book':
      return { kind: r.kind, notBefore, durationMs, ticks: 0 };
    case 'volume-spike':
      return { kind: r.kind, notBefore, durationMs, factor: r.factor ?? 10 };
    case 'wash-trades':
      return { kind: r.kind, notBefore, count: r.count ?? 6 };
  }
}

function validate(input: unknown): ScenarioRequest {
  const bad = (msg: string): never => {
    throw new EmulatorError('EMULATOR_BAD_SCENARIO', msg);
  };
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    return bad('scenario must be a JSON object');
  }
  const o = input as Record<string, unknown>;
  if (typeof o.exchange !== 'string') bad('exchange is required');
  if (typeof o.kind !== 'string' || !(SCENARIO_KINDS as readonly string[]).includes(o.kind)) {
    bad(`kind must be one of ${SCENARIO_KINDS.join(', ')}`);
  }
  const kind = o.kind as ScenarioKind;
  for (const k of Object.keys(o)) {
    if (!COMMON.has(k) && !PARAMS[kind].includes(k)) {
      bad(`${kind} takes ${[...COMMON, ...PARAMS[kind]].join(', ')}; not ${k}`);
    }
  }
  if (o.symbol !== undefined && typeof o.symbol !== 'string') bad('symbol must be a string');
  const int = (name: string, min: number, max: number): number | undefined => {
    const v = o[name];
    if (v === undefined) return undefined;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
      return bad(`${name} must be an integer in [${min}, ${max}]`);
    }
    return v;
  };
  const bps = int('bps', -5_000, 5_000);
  if (bps === 0) bad('bps must not be 0');
  return {
    exchange: o.exchange as string,
    kind,
    symbol: o.symbol as string | undefined,
    delayMs: int('delayMs', 0, MAX_MS),
    durationMs: int('durationMs', 1, MAX_MS),
    bps,
    ticks: int('ticks', 1, 1_000_000),
    factor: int('factor', 2, 1_000),
    count: int('count', 2, 10_000),
  };
}
