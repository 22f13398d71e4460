/**
 * Trader gateway benchmark (issue 5): N WebSocket clients subscribed to trades + bbo of the
 * 50 bench symbols, fed at a fixed upstream rate; delivered messages/s, latency from the
 * event's localTs to the client (p50/p99/p999/max) and the gateway's memory over the run.
 *
 *   npm run bench:gateway                     60 s run, table on stdout
 *   npm run bench:gateway -- --json           also writes reports/bench-gateway.json
 *   npm run bench:gateway -- --quick          10 s run
 *   options: --duration S  --clients N  --per-client K (symbols per client, ≤ 50)
 *            --rate E (upstream events/s, trades + bbo)  --warmup S
 *            --workers N | N,M,…  gateway processes (GATEWAY_WORKERS): each configuration
 *            is measured in turn in the same run, then a scaling table compares them
 *
 * Three processes so the gateway's event loop is not shared with the load: this one
 * (orchestration only), gateway-server.worker.ts (GatewayModule on the in-process bus + a
 * synthetic md.unified publisher whose events carry localTs = publish time: this isolates the
 * gateway from the emulator, gates and dedup) and gateway-clients.worker.ts (the clients).
 * Memory: RSS and heap every second; heap after every V8 major GC during the run plus a forced
 * full GC just before and just after the latency window. "Flat" = least-squares slope of those
 * heap-after-GC points (MB/min). With --workers N > 1 the gateway is gateway-cluster.worker.ts:
 * a node:cluster primary and N gateway-server workers on one port, results added up.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { BenchReport } from './bench-report';
import { GatewayBenchSummary } from './gateway-bench.summary';
import type { ClientsArgs, ClientsResult } from './gateway-clients.worker';
import type { ClusterArgs } from './gateway-cluster.worker';
import type { ServerArgs, ServerResult } from './gateway-server.worker';
import { BENCH_KEY, BENCH_SYMBOLS } from './gateway-workload';

const argv = process.argv.slice(2);
const QUICK = argv.includes('--quick');
function opt(name: string, fallback: number): number {
  const i = argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(argv[i + 1]) : fallback;
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`--${name} needs a number`);
  return value;
}
const DURATION_S = opt('duration', QUICK ? 10 : 60);
const WARMUP_S = opt('warmup', QUICK ? 3 : 8);
const CLIENTS = opt('clients', 1000);
const PER_CLIENT = Math.min(opt('per-client', BENCH_SYMBOLS.length), BENCH_SYMBOLS.length);
const RATE = opt('rate', 1000);
const WORKERS = workersList();
/** Trades among md.unified trades + bbo of the all-in-one app (565 vs 342 per s, measured). */
const TRADE_SHARE = 0.62;
const REGISTER = join(BenchReport.rootDir, 'tools', 'register.cjs');

/** `--workers 1,2,4` → [1, 2, 4] (default [1]). */
function workersList(): number[] {
  const i = argv.indexOf('--workers');
  if (i < 0) return [1];
  const list = (argv[i + 1] ?? '').split(',').map(Number);
  if (list.length === 0 || list.some((n) => !Number.isInteger(n) || n < 1 || n > 64)) {
    throw new RangeError('--workers needs N or a list N,M,… of integers in [1, 64]');
  }
  return list;
}

function start(file: string, args: unknown, gc: boolean): ChildProcess {
  return fork(join(__dirname, file), [JSON.stringify(args)], {
    execArgv: [
      ...(gc ? ['--expose-gc'] : []),
      // GATEWAY_BENCH_PROF=<dir>: V8 CPU profile of the gateway process, to find hot spots.
      ...(gc && process.env.GATEWAY_BENCH_PROF
        ? ['--cpu-prof', `--cpu-prof-dir=${process.env.GATEWAY_BENCH_PROF}`]
        : []),
      '-r',
      REGISTER,
    ],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}

function next<T>(child: ChildProcess, type: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (msg: { type: string }): void => {
      if (msg.type !== type) return;
      child.off('message', onMessage);
      resolve(msg as T);
    };
    child.on('message', onMessage);
    child.once('exit', (code) => reject(new Error(`child exited (${code}) before "${type}"`)));
  });
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<void> {
  const reports: ReturnType<typeof GatewayBenchSummary.build>[] = [];
  for (const workers of WORKERS) {
    const report = await measure(workers);
    reports.push(report);
    BenchReport.print(
      `gateway benchmark, ${workers} worker(s): ${report.durationSec} s after ${WARMUP_S} s warm-up\n`,
    );
    BenchReport.print(GatewayBenchSummary.table(report));
  }
  if (reports.length > 1) {
    BenchReport.print(`\nscaling (same run, one configuration after the other):\n`);
    BenchReport.print(GatewayBenchSummary.scalingTable(reports));
  }
  if (BenchReport.wantsJson()) {
    const json =
      reports.length === 1
        ? reports[0]
        : { configurations: reports, scalingTable: GatewayBenchSummary.scalingTable(reports) };
    const file = BenchReport.writeJson('gateway', json);
    BenchReport.print(JSON.stringify(json, null, 2));
    BenchReport.print(`written ${file}`);
  }
}

async function measure(workers: number): Promise<ReturnType<typeof GatewayBenchSummary.build>> {
  const load0 = loadavg();
  const serverArgs: ServerArgs = {
    rate: RATE,
    tradeShare: TRADE_SHARE,
    clients: CLIENTS,
  };
  const server =
    workers === 1
      ? start('gateway-server.worker.ts', serverArgs, true)
      : start('gateway-cluster.worker.ts', { ...serverArgs, workers } satisfies ClusterArgs, false);
  const { port } = await next<{ port: number }>(server, 'ready');
  const clientArgs: ClientsArgs = {
    url: `ws://127.0.0.1:${port}/ws`,
    key: BENCH_KEY,
    clients: CLIENTS,
    perClient: PER_CLIENT,
  };
  const clients = start('gateway-clients.worker.ts', clientArgs, false);
  const ready = await next<{ connected: number; acks: number; expected: number }>(clients, 'ready');
  if (ready.acks < ready.expected) {
    process.stderr.write(`only ${ready.acks}/${ready.expected} subscriptions acknowledged\n`);
  }
  server.send({ type: 'start' });
  await sleep(WARMUP_S * 1000);
  const measuring = next(server, 'measuring');
  server.send({ type: 'measure' }); // forced GC + first heap point, before latency counts
  await measuring;
  clients.send({ type: 'measure' });
  await sleep(DURATION_S * 1000);
  const clientsDone = next<ClientsResult>(clients, 'result');
  clients.send({ type: 'stop' });
  const c = await clientsDone;
  const serverDone = next<ServerResult>(server, 'result');
  server.send({ type: 'stop' }); // after the clients: its final forced GC is outside the window
  const s = await serverDone;
  clients.send({ type: 'close' });
  const report = GatewayBenchSummary.build({
    workers,
    clients: CLIENTS,
    symbols: BENCH_SYMBOLS.length,
    perClient: PER_CLIENT,
    warmupSec: WARMUP_S,
    loadStart: load0,
    loadEnd: loadavg(),
    server: s,
    client: c,
  });
  await Promise.all([once(server), once(clients)]);
  return report;
}

function once(child: ChildProcess): Promise<void> {
  return child.exitCode !== null
    ? Promise.resolve()
    : new Promise((r) => child.once('exit', () => r()));
}

void main().catch((error: unknown) => {
  process.stderr.write(`gateway bench failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
