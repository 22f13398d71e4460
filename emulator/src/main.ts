// CLI: npm run emulator -- --exchanges binance,okx --symbols BTC-USDT,ETH-USDT --rate 100 --seed 42 --port 0
//      [--rate-overrides ETH-USDT=0] [--fault '<json>'] [--scenario '<json>']
import { Command, InvalidArgumentError } from 'commander';
import { EMULATED_EXCHANGES } from './dialects/dialect.registry';
import { EmulatorServer } from './emulator.server';
import type { FaultRequest } from './faults/fault-request';
import type { ScenarioRequest } from './scenarios/scenario-request';

const list = (v: string): string[] =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
const int = (v: string): number => {
  const n = Number(v);
  if (!Number.isInteger(n)) throw new InvalidArgumentError('not an integer');
  return n;
};
const rates = (v: string, prev: Record<string, number>): Record<string, number> => {
  const out = { ...prev };
  for (const pair of list(v)) {
    const [symbol, n] = pair.split('=');
    const rate = Number(n);
    if (!symbol || n === undefined || !Number.isFinite(rate) || rate < 0) {
      throw new InvalidArgumentError('rate overrides look like BTC-USDT=0,ETH-USDT=500');
    }
    out[symbol.trim()] = rate;
  }
  return out;
};
const fault = (v: string, prev: FaultRequest[]): FaultRequest[] => {
  try {
    return [...prev, JSON.parse(v) as FaultRequest];
  } catch {
    throw new InvalidArgumentError(
      'a fault is JSON: {"exchange":"binance","kind":"stall","durationMs":5000}',
    );
  }
};
const scenario = (v: string, prev: ScenarioRequest[]): ScenarioRequest[] => {
  try {
    return [...prev, JSON.parse(v) as ScenarioRequest];
  } catch {
    throw new InvalidArgumentError(
      'a scenario is JSON: {"exchange":"okx","kind":"price-spike","delayMs":10000,"durationMs":5000}',
    );
  }
};

const out = (line: Record<string, unknown>): void => {
  process.stdout.write(`${JSON.stringify(line)}\n`);
};

async function main(): Promise<void> {
  const opts = new Command('emulator')
    .description(
      'feedgate exchange emulator: real exchange protocols on loopback, seeded market, faults, scenarios',
    )
    .option('--exchanges <ids>', `comma-separated (${EMULATED_EXCHANGES.join(', ')})`, list, [
      'binance',
    ])
    .option('--symbols <symbols>', 'comma-separated normalized symbols', list, [
      'BTC-USDT',
      'ETH-USDT',
    ])
    .option('--rate <n>', 'market events per second per symbol', int, 100)
    .option(
      '--rate-overrides <pairs>',
      'per-symbol rates, e.g. ETH-USDT=0 (a quiet market); repeatable',
      rates,
      {} as Record<string, number>,
    )
    .option('--seed <seed>', 'market seed', '42')
    .option('--id-base <n>', 'added to every first trade id, sequence and update id', int, 0)
    .option('--port <n>', '0 = OS-assigned ports; else control = port, exchanges = port+1…', int, 0)
    .option('--tick-ms <n>', 'market clock period (ms)', int, 50)
    .option('--depth <n>', 'book levels per side', int, 20)
    .option('--ping-interval-ms <n>', 'server heartbeat interval override (ms)', int)
    .option('--fault <json>', 'fault applied at start (repeatable)', fault, [] as FaultRequest[])
    .option(
      '--scenario <json>',
      'market scenario queued at start, see README (repeatable)',
      scenario,
      [] as ScenarioRequest[],
    )
    .parse(process.argv)
    .opts<{
      exchanges: string[];
      symbols: string[];
      rate: number;
      rateOverrides: Record<string, number>;
      seed: string;
      idBase: number;
      port: number;
      tickMs: number;
      depth: number;
      pingIntervalMs?: number;
      fault: FaultRequest[];
      scenario: ScenarioRequest[];
    }>();

  const emu = await EmulatorServer.start({
    exchanges: opts.exchanges,
    symbols: opts.symbols,
    ratePerSymbol: opts.rate,
    rates: opts.rateOverrides,
    seed: opts.seed,
    idBase: opts.idBase,
    port: opts.port,
    tickMs: opts.tickMs,
    depth: opts.depth,
    pingIntervalMs: opts.pingIntervalMs,
    faults: opts.fault,
    scenarios: opts.scenario,
  });
  out({ msg: 'emulator started', control: emu.controlUrl, exchanges: emu.urls });

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    out({ msg: 'emulator stopping', signal });
    emu.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((e: unknown) => {
  process.stderr.write(`emulator failed: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
