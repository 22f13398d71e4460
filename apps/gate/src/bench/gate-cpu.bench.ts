// node -r ./tools/register.cjs apps/gate/src/bench/gate-cpu.bench.ts [--rate 10000] [--exchanges 6]
//      [--symbols 10] [--warmup 10] [--window 8] [--windows 4] [--emulator-root <checkout>]
//
// Gate CPU per received exchange frame: the emulator (a child process, so its CPU is not
// counted) serves every exchange's real wire protocol on 127.0.0.1 at a fixed market rate; this
// process runs the gate's stack (GateService: connectors over ws, book sync, uplink, uploader)
// against a bus that acknowledges and discards. Reported per window: process CPU µs per wire
// frame and per unified event, and what the uploader handed to the bus.
import 'reflect-metadata';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { Logger } from '@nestjs/common';
import { stepsForEventRate } from '@feedgate/emulator';
import { GateConfig, GateService } from '@feedgate/gate';
import { DiscardBus } from './discard.bus';

const EXCHANGES = ['binance', 'okx', 'bybit', 'coinbase', 'kraken', 'binance-futures'];
const BASES = 'BTC ETH SOL BNB XRP ADA DOGE AVAX DOT LINK LTC TRX MATIC ATOM UNI'.split(' ');
const ROOT = join(__dirname, '..', '..', '..', '..');

const { values: args } = parseArgs({
  options: {
    rate: { type: 'string', default: '10000' },
    exchanges: { type: 'string', default: '6' },
    symbols: { type: 'string', default: '10' },
    // The first seconds carry book snapshots, JIT warm-up and the emulator's start-up bursts.
    warmup: { type: 'string', default: '10' },
    window: { type: 'string', default: '8' },
    windows: { type: 'string', default: '4' },
    // Serve from another checkout's emulator, so A/B runs of the gate face the same server.
    'emulator-root': { type: 'string' },
  },
});
const rate = Number(args.rate);
const exchanges = EXCHANGES.slice(0, Number(args.exchanges));
const symbols = BASES.slice(0, Number(args.symbols)).map((b) => `${b}-USDT`);

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const out = (s: string): void => void process.stdout.write(`${s}\n`);

interface EmulatorStarted {
  readonly exchanges: Record<string, { ws: string; rest: string }>;
}

function startEmulator(): Promise<{ child: ChildProcess; started: EmulatorStarted }> {
  const steps = stepsForEventRate(rate / (exchanges.length * symbols.length));
  const child = spawn(
    process.execPath,
    [
      '-r',
      './tools/register.cjs',
      'emulator/src/main.ts',
      '--exchanges',
      exchanges.join(','),
      '--symbols',
      symbols.join(','),
      '--rate',
      String(steps),
      '--seed',
      '42',
      '--port',
      '0',
    ],
    { cwd: args['emulator-root'] ?? ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`emulator exited with ${code}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const msg = JSON.parse(line) as { msg?: string } & EmulatorStarted;
      if (msg.msg === 'emulator started') resolve({ child, started: msg });
    });
  });
}

interface Counters {
  readonly cpuUs: number;
  readonly frames: number;
  readonly events: number;
  readonly framesOut: number;
  readonly records: number;
  readonly bytes: number;
}

function spread(xs: number[]): string {
  const s = [...xs].sort((x, y) => x - y);
  const f = (x: number): string => x.toFixed(2);
  return `median ${f(s[Math.floor(s.length / 2)])} (min ${f(s[0])}, max ${f(s[s.length - 1])})`;
}

async function main(): Promise<void> {
  Logger.overrideLogger(['error', 'warn']);
  const { child, started } = await startEmulator();
  const env: Record<string, string> = {
    GATE_ID: 'bench-gate',
    GATE_REPLICA: 'A',
    GATE_EXCHANGES: exchanges.join(','),
    GATE_SYMBOLS: symbols.join(','),
    LOG_LEVEL: 'warn',
    LOG_FORMAT: 'json',
  };
  for (const [id, u] of Object.entries(started.exchanges)) {
    const suffix = id.toUpperCase().replace(/-/g, '_');
    env[`GATE_URL_${suffix}_WS`] = u.ws;
    env[`GATE_URL_${suffix}_REST`] = u.rest;
  }
  const bus = new DiscardBus();
  const gate = new GateService(GateConfig.fromEnv(env), bus);
  await gate.onApplicationBootstrap();
  // Connector counters through the gate's own Prometheus registry (read only at window edges).
  const total = async (name: string): Promise<number> => {
    const m = await gate.metrics.registry.getSingleMetric(name)?.get();
    return (m?.values ?? []).reduce((s, v) => s + v.value, 0);
  };
  const metrics = async (): Promise<Counters> => {
    const frames = await total('gate_frames_in_total');
    const events = await total('gate_events_parsed_total');
    const cpu = process.cpuUsage();
    return {
      cpuUs: cpu.user + cpu.system,
      frames,
      events,
      framesOut: gate.uploader.metrics.framesOut,
      records: bus.records,
      bytes: bus.bytes,
    };
  };

  out(
    `gate CPU bench: ${exchanges.length} exchanges × ${symbols.length} symbols, target ${rate} events/s, ` +
      `warmup ${args.warmup} s, ${args.windows} × ${args.window} s windows`,
  );
  await sleep(Number(args.warmup) * 1000);
  const perFrame: number[] = [];
  const perEvent: number[] = [];
  for (let w = 0; w < Number(args.windows); w++) {
    const a = await metrics();
    await sleep(Number(args.window) * 1000);
    const b = await metrics();
    const cpu = b.cpuUs - a.cpuUs;
    const frames = b.frames - a.frames;
    const events = b.events - a.events;
    const secs = Number(args.window);
    perFrame.push(cpu / frames);
    perEvent.push(cpu / events);
    out(
      `window ${w + 1}: ${(frames / secs).toFixed(0)} frames/s, ${(events / secs).toFixed(0)} events/s, ` +
        `CPU ${(cpu / 1000 / secs).toFixed(1)} ms/s → ${(cpu / frames).toFixed(2)} µs/frame, ` +
        `${(cpu / events).toFixed(2)} µs/event; out ${((b.framesOut - a.framesOut) / secs).toFixed(0)} frames/s, ` +
        `${(events / Math.max(1, b.records - a.records)).toFixed(2)} events/record, ` +
        `${((b.bytes - a.bytes) / Math.max(1, events)).toFixed(1)} B/event, ` +
        `pending ${gate.uploader.pendingEvents}, dropped ${gate.uploader.metrics.droppedOverflow}`,
    );
  }
  out(`µs/frame: ${spread(perFrame)}; µs/event: ${spread(perEvent)}`);
  await gate.beforeApplicationShutdown();
  child.kill('SIGTERM');
}

main().catch((e: unknown) => {
  process.stderr.write(`gate bench failed: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
