/**
 * Child process of gateway.bench.ts for `--workers N` (N > 1): the gateway as the product runs
 * it with GATEWAY_WORKERS=N — a node:cluster primary (GatewayClusterPrimary) whose N workers
 * share one port. Each worker is a gateway-server.worker.ts: a full gateway with its own
 * synthetic md.unified feed at the full rate (every worker sees every event, as with a unique
 * Kafka group per worker). Same IPC as gateway-server.worker.ts towards the bench (→ ready;
 * ← start; ← measure → measuring; ← stop → result); the result adds up the workers (CPU
 * includes this primary's, which accepts the connections).
 */
import cluster, { type Worker } from 'node:cluster';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { GatewayClusterPrimary } from '@feedgate/gateway';
import { BenchReport } from './bench-report';
import type { ServerArgs, ServerResult } from './gateway-server.worker';
import { mergeServerResults } from './gateway-worker.merge';

export interface ClusterArgs extends ServerArgs {
  readonly workers: number;
}

const args = JSON.parse(process.argv[2] ?? '{}') as ClusterArgs;
Logger.overrideLogger(['error']);

const workers = (): Worker[] =>
  Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined);

/** Resolves with one message of `type` from every worker. */
function fromAll<T>(type: string): Promise<T[]> {
  return new Promise((resolve) => {
    const got: T[] = [];
    const onMessage = (_w: Worker, msg: { type: string }): void => {
      if (msg.type !== type) return;
      got.push(msg as T);
      if (got.length === args.workers) {
        cluster.off('message', onMessage);
        resolve(got);
      }
    };
    cluster.on('message', onMessage);
  });
}

async function main(): Promise<void> {
  const primary = new GatewayClusterPrimary({
    workers: args.workers,
    exec: join(__dirname, 'gateway-server.worker.ts'),
    execArgv: ['--expose-gc', '-r', join(BenchReport.rootDir, 'tools', 'register.cjs')],
    args: [
      JSON.stringify({
        rate: args.rate,
        tradeShare: args.tradeShare,
        clients: args.clients,
      } satisfies ServerArgs),
    ],
  });
  const ready = fromAll<{ port: number }>('ready');
  primary.start(false);
  const ports = new Set((await ready).map((r) => r.port));
  if (ports.size !== 1) throw new Error(`workers listen on ${[...ports].join(', ')}, not one port`);
  let cpu0 = process.cpuUsage();
  process.on('message', (msg: { type: string }) => {
    if (msg.type === 'start') {
      for (const w of workers()) w.send(msg);
    } else if (msg.type === 'measure') {
      const measuring = fromAll('measuring');
      cpu0 = process.cpuUsage();
      for (const w of workers()) w.send(msg);
      void measuring.then(() => process.send?.({ type: 'measuring' }));
    } else if (msg.type === 'stop') {
      const results = fromAll<ServerResult>('result');
      const own = process.cpuUsage(cpu0);
      for (const w of workers()) w.send(msg);
      void results.then(async (all) => {
        const merged = mergeServerResults(all, own.user + own.system);
        await primary.shutdown();
        process.send?.(merged, () => process.exit(0));
      });
    }
  });
  process.send?.({ type: 'ready', port: [...ports][0] });
}

void main().catch((error: unknown) => {
  process.stderr.write(
    `gateway bench cluster failed: ${(error as Error).stack ?? String(error)}\n`,
  );
  process.exit(1);
});
