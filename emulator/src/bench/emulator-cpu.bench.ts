/**
 * Emulator CPU per emitted event: the emulator in this process at a fixed market rate, its
 * WebSocket clients in a child process (emulator-clients.process.ts) so they are not counted.
 *
 *   node -r ./tools/register.cjs emulator/src/bench/emulator-cpu.bench.ts \   (from the repo root)
 *     [--rate 1000] [--clients 2] [--rounds 5] [--seconds 5] [--warmup 3]
 *
 * --rate is market steps per second per symbol (the load harness's `--rate` to the emulator),
 * on 6 exchanges × 10 symbols; --clients is connections per exchange (the load run has gates A
 * and B), each subscribed to trades, book and bbo of every symbol. An emitted event is one the
 * gates turn into a unified event: a trade, a book delta or a bbo of a market batch. Counted:
 * this process's CPU time (user + system, idle timers included) per event and per frame sent,
 * for each round after the warm-up, and the median.
 */
import { fork } from 'node:child_process';
import { EmulatorServer } from '../emulator.server';
import type { MarketBatch } from '../market/market-event';
import type { ClientsRequest } from './emulator-clients.process';

const EXCHANGES = ['binance', 'okx', 'bybit', 'coinbase', 'kraken', 'binance-futures'];
const SYMBOLS = 'BTC ETH SOL BNB XRP ADA DOGE AVAX DOT LINK'.split(' ').map((b) => `${b}-USDT`);

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(v) || v < 0) throw new RangeError(`--${name} must be a number`);
  return v;
}

const RATE = arg('rate', 1000);
const CLIENTS = arg('clients', 2);
const ROUNDS = arg('rounds', 5);
const SECONDS = arg('seconds', 5);
const WARMUP = arg('warmup', 3);

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const out = (line: string): void => void process.stdout.write(`${line}\n`);

function eventsOf(batches: readonly MarketBatch[]): number {
  let n = 0;
  for (const b of batches) n += b.trades.length + (b.book ? 1 : 0) + (b.bbo ? 1 : 0);
  return n;
}

async function main(): Promise<void> {
  const emu = await EmulatorServer.start({
    exchanges: EXCHANGES,
    symbols: SYMBOLS,
    ratePerSymbol: RATE,
    seed: 42,
    port: 0,
  });
  let events = 0;
  for (const server of emu.servers.values()) {
    const market = server.market;
    const tick = market.tick.bind(market);
    market.tick = (dt: number, ts: number): MarketBatch[] => {
      const batches = tick(dt, ts);
      events += eventsOf(batches);
      return batches;
    };
  }
  const framesSent = (): number => emu.status().exchanges.reduce((n, e) => n + e.framesSent, 0);

  const child = fork(`${__dirname}/emulator-clients.process.ts`, [], { stdio: 'inherit' });
  const reply = <T>(key: string): Promise<T> =>
    new Promise((resolve, reject) => {
      const on = (m: Record<string, unknown>): void => {
        if (m.error) reject(new Error(String(m.error)));
        if (!(key in m)) return;
        child.off('message', on);
        resolve(m[key] as T);
      };
      child.on('message', on);
    });
  const ready = reply<boolean>('ready');
  const start: ClientsRequest = { urls: emu.urls, symbols: SYMBOLS, clients: CLIENTS };
  child.send({ start });
  await ready;
  await sleep(WARMUP * 1000);

  out(
    `emulator CPU: ${EXCHANGES.length} exchanges × ${SYMBOLS.length} symbols, ${RATE} steps/s/symbol, ` +
      `${CLIENTS} clients/exchange, ${ROUNDS} × ${SECONDS} s`,
  );
  const perEvent: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const cpu0 = process.cpuUsage();
    const e0 = events;
    const f0 = framesSent();
    const t0 = Date.now();
    await sleep(SECONDS * 1000);
    const cpu = process.cpuUsage(cpu0);
    const dt = (Date.now() - t0) / 1000;
    const ev = events - e0;
    const fr = framesSent() - f0;
    const us = cpu.user + cpu.system;
    perEvent.push(us / ev);
    out(
      `  round ${r + 1}: ${(ev / dt).toFixed(0)} events/s, ${(fr / dt).toFixed(0)} frames/s, ` +
        `CPU ${((us / 1e6 / dt) * 100).toFixed(1)}% (sys ${((cpu.system / us) * 100).toFixed(0)}%), ` +
        `${(us / ev).toFixed(2)} µs/event, ${(us / fr).toFixed(2)} µs/frame`,
    );
  }
  const sorted = [...perEvent].sort((a, b) => a - b);
  out(
    `  median ${sorted[Math.floor(sorted.length / 2)].toFixed(2)} µs/event ` +
      `(min ${sorted[0].toFixed(2)}, max ${sorted[sorted.length - 1].toFixed(2)})`,
  );
  const received = reply<number>('frames');
  child.send({ count: true });
  out(`  client frames received: ${await received}`);
  child.send({ stop: true });
  await emu.stop();
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
