import { EmulatorError } from '../emulator.error';
import type { ExchangeServer } from '../transport/exchange.server';
import { FAULT_KINDS, type FaultKind, type FaultRequest, type FaultResult } from './fault-request';

const DEFAULT_HUGE_BYTES = 2 * 1024 * 1024;
const MAX_HUGE_BYTES = 64 * 1024 * 1024;
const MAX_COUNT = 10_000;
const MAX_DURATION_MS = 3_600_000;

/**
 * Applies faults to one exchange's server. Time-bound faults (stall, refuse, rate-limit) are
 * deadlines checked where frames are sent, so they need no timers to tear down.
 */
export class FaultInjector {
  constructor(private readonly servers: ReadonlyMap<string, ExchangeServer>) {}

  apply(input: unknown): FaultResult {
    const req = validate(input);
    const server = this.servers.get(req.exchange);
    if (!server) {
      throw new EmulatorError('EMULATOR_UNKNOWN_EXCHANGE', `exchange not served: ${req.exchange}`);
    }
    const native = req.symbol === undefined ? undefined : this.native(server, req.symbol);
    const count = req.count ?? 1;
    const durationMs = req.durationMs ?? 5_000;
    const dialect = server.dialect;
    const targets = server.targets(native, req.replica);
    const result = (affected: number): FaultResult => ({
      exchange: req.exchange,
      kind: req.kind,
      affected,
    });
    switch (req.kind) {
      case 'disconnect':
        for (const c of targets) c.destroy();
        return result(targets.length);
      case 'stall': {
        const until = Date.now() + durationMs;
        for (const c of targets) c.stalledUntil = until;
        return result(targets.length);
      }
      case 'duplicate':
        for (const c of targets) c.duplicateRemaining += count;
        return result(targets.length);
      case 'gap': {
        const markets = native ? [server.market.get(native)] : [...server.market.markets.values()];
        for (const m of markets) m?.requestGap(count);
        return result(markets.length);
      }
      case 'malformed': {
        const sym = native ?? [...server.market.markets.keys()][0] ?? 'BTCUSDT';
        return result(sendAll(targets, count, () => dialect.malformedFrame(sym)));
      }
      case 'huge': {
        const bytes = Math.min(MAX_HUGE_BYTES, req.bytes ?? DEFAULT_HUGE_BYTES);
        const frame = dialect.hugeFrame(bytes);
        return result(sendAll(targets, count, () => frame));
      }
      case 'rate-limit':
        if (req.durationMs !== undefined) server.rateLimitFor(durationMs);
        return result(sendAll(targets, count, () => dialect.errorFrame('rate-limit', 'emulated')));
      case 'error':
        return result(sendAll(targets, count, () => dialect.errorFrame('error', 'emulated error')));
      case 'refuse':
        server.refuseFor(durationMs);
        return result(0);
    }
  }

  private native(server: ExchangeServer, symbol: string): string {
    if (server.market.get(symbol)) return symbol;
    const native = server.dialect.nativeSymbol(symbol);
    if (!server.market.get(native)) {
      throw new EmulatorError(
        'EMULATOR_UNKNOWN_SYMBOL',
        `symbol not served on ${server.dialect.id}: ${symbol}`,
      );
    }
    return native;
  }
}

function sendAll(
  targets: readonly { send(t: string): boolean }[],
  count: number,
  frame: () => string,
): number {
  let n = 0;
  for (const c of targets) {
    let sent = false;
    for (let i = 0; i < count; i++) sent = c.send(frame()) || sent;
    if (sent) n++;
  }
  return n;
}

function validate(input: unknown): FaultRequest {
  if (input === null || typeof input !== 'object') {
    throw new EmulatorError('EMULATOR_BAD_FAULT', 'fault must be a JSON object');
  }
  const o = input as Record<string, unknown>;
  if (typeof o.exchange !== 'string')
    throw new EmulatorError('EMULATOR_BAD_FAULT', 'exchange is required');
  if (typeof o.kind !== 'string' || !(FAULT_KINDS as readonly string[]).includes(o.kind)) {
    throw new EmulatorError('EMULATOR_BAD_FAULT', `kind must be one of ${FAULT_KINDS.join(', ')}`);
  }
  const int = (name: string, max: number): number | undefined => {
    const v = o[name];
    if (v === undefined) return undefined;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > max) {
      throw new EmulatorError('EMULATOR_BAD_FAULT', `${name} must be an integer in [0, ${max}]`);
    }
    return v;
  };
  if (o.symbol !== undefined && typeof o.symbol !== 'string') {
    throw new EmulatorError('EMULATOR_BAD_FAULT', 'symbol must be a string');
  }
  if (o.replica !== undefined && typeof o.replica !== 'string') {
    throw new EmulatorError('EMULATOR_BAD_FAULT', 'replica must be a string');
  }
  return {
    exchange: o.exchange,
    kind: o.kind as FaultKind,
    symbol: o.symbol as string | undefined,
    replica: o.replica as string | undefined,
    durationMs: int('durationMs', MAX_DURATION_MS),
    count: int('count', MAX_COUNT),
    bytes: int('bytes', MAX_HUGE_BYTES),
  };
}
