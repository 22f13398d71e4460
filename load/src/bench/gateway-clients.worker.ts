/**
 * Child process of gateway.bench.ts: N WebSocket clients, kept as light as possible so the
 * gateway (another process) gets its CPU: no permessage-deflate, no JSON.parse of data
 * messages (only the `"localTs":` number is read from the bytes). Latency = receive time −
 * event localTs (the publish instant in the server). IPC: → ready; ← measure; ← stop → result; ← close.
 */
import WebSocket from 'ws';
import { LatencyHistogram } from './gateway-histogram';
import { BENCH_SYMBOLS, nowMs } from './gateway-workload';

export interface ClientsArgs {
  readonly url: string;
  readonly key: string;
  readonly clients: number;
  /** Symbols each client subscribes to (trades + bbo each), rotated so all are covered. */
  readonly perClient: number;
}

export interface ClientsResult {
  readonly type: 'result';
  readonly delivered: number;
  readonly seconds: number;
  readonly perSecond: number[];
  /** Worst latency of each second: tells a steady tail from a few stalls. */
  readonly perSecondMaxMs: number[];
  readonly counts: number[];
  readonly maxMs: number;
  readonly openAtEnd: number;
  readonly closes: Record<string, number>;
  readonly cpuPct: number;
}

const LOCAL_TS = Buffer.from('"localTs":');
const CONNECT_CONCURRENCY = 50;
const D = 0x64; // 'd' of {"op":"data"
const S = 0x73; // 's' of {"op":"subscribed"

const args = JSON.parse(process.argv[2] ?? '{}') as ClientsArgs;
const histogram = new LatencyHistogram();
const sockets: WebSocket[] = [];
const closes: Record<string, number> = {};
let delivered = 0;
let acks = 0;
let measuring = false;
let secondMax = 0;

/** Reads the number after `"localTs":` straight from the bytes (digits and one '.'). */
function localTsOf(data: Buffer): number {
  const at = data.indexOf(LOCAL_TS);
  if (at < 0) return NaN;
  let i = at + LOCAL_TS.length;
  let value = 0;
  for (; i < data.length; i++) {
    const c = data[i] - 48;
    if (c < 0 || c > 9) break;
    value = value * 10 + c;
  }
  if (data[i] === 0x2e) {
    let scale = 0.1;
    for (i++; i < data.length; i++) {
      const c = data[i] - 48;
      if (c < 0 || c > 9) break;
      value += c * scale;
      scale /= 10;
    }
  }
  return value;
}

function onMessage(data: Buffer): void {
  const op = data[7];
  if (op === D) {
    if (!measuring) return;
    delivered++;
    const ts = localTsOf(data);
    if (ts === ts) {
      const ms = nowMs() - ts;
      histogram.record(ms);
      if (ms > secondMax) secondMax = ms;
    }
  } else if (op === S) acks++;
}

function open(index: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(args.url, {
      headers: { 'x-api-key': args.key },
      perMessageDeflate: false,
    });
    ws.on('message', onMessage);
    ws.once('error', reject);
    ws.once('close', (code) => (closes[code] = (closes[code] ?? 0) + 1));
    ws.once('open', () => {
      for (let j = 0; j < args.perClient; j++) {
        const symbol = BENCH_SYMBOLS[(index * args.perClient + j) % BENCH_SYMBOLS.length];
        ws.send(`{"op":"subscribe","channel":"trades","symbol":"${symbol}"}`);
        ws.send(`{"op":"subscribe","channel":"bbo","symbol":"${symbol}"}`);
      }
      sockets.push(ws);
      resolve();
    });
  });
}

async function main(): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < args.clients) await open(next++);
  };
  await Promise.all(Array.from({ length: CONNECT_CONCURRENCY }, worker));
  const expected = args.clients * args.perClient * 2;
  const deadline = Date.now() + 30_000;
  while (acks < expected && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  process.send?.({ type: 'ready', connected: sockets.length, acks, expected });
}

let t0 = 0;
let cpu0 = process.cpuUsage();
const perSecond: number[] = [];
const perSecondMaxMs: number[] = [];
let secondTimer: NodeJS.Timeout | undefined;
let lastCount = 0;

process.on('message', (msg: { type: string }) => {
  if (msg.type === 'measure') {
    measuring = true;
    t0 = nowMs();
    cpu0 = process.cpuUsage();
    secondTimer = setInterval(() => {
      perSecond.push(delivered - lastCount);
      perSecondMaxMs.push(Math.round(secondMax * 10) / 10);
      secondMax = 0;
      lastCount = delivered;
    }, 1000);
  } else if (msg.type === 'stop') {
    measuring = false;
    if (secondTimer) clearInterval(secondTimer);
    const seconds = (nowMs() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const result: ClientsResult = {
      type: 'result',
      delivered,
      seconds,
      perSecond,
      perSecondMaxMs,
      counts: histogram.counts,
      maxMs: histogram.maxMs,
      openAtEnd: sockets.filter((s) => s.readyState === WebSocket.OPEN).length,
      closes,
      cpuPct: (100 * (cpu.user + cpu.system)) / (seconds * 1e6),
    };
    // The sockets stay open until `close`: the gateway takes its last heap point with every
    // client still connected (as at the first one).
    process.send?.(result);
  } else if (msg.type === 'close') {
    for (const s of sockets) s.terminate();
    process.exit(0);
  }
});

void main().catch((error: unknown) => {
  process.stderr.write(
    `gateway bench clients failed: ${(error as Error).stack ?? String(error)}\n`,
  );
  process.exit(1);
});
