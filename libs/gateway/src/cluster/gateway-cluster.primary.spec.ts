import cluster, { type Worker } from 'node:cluster';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { GatewayClusterPrimary } from './gateway-cluster.primary';

const FIXTURE = join(__dirname, '..', 'testing', 'cluster-worker.fixture.ts');
const REGISTER = join(__dirname, '..', '..', '..', '..', 'tools', 'register.cjs');

let primary: GatewayClusterPrimary | undefined;
afterEach(async () => {
  await primary?.shutdown();
  primary = undefined;
  cluster.removeAllListeners('message');
  cluster.removeAllListeners('exit');
});

async function until<T>(read: () => T | undefined | Promise<T | undefined>, ms = 20_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

function start(workers: number, env: Record<string, string> = {}) {
  const ports: number[] = [];
  const exits: { pid: number | undefined; code: number | null; signal: string | null }[] = [];
  cluster.on('message', (_w: Worker, msg: { port?: number }) => {
    if (msg.port) ports.push(msg.port);
  });
  cluster.on('exit', (w: Worker, code, signal) => exits.push({ pid: w.process.pid, code, signal }));
  primary = new GatewayClusterPrimary({
    workers,
    exec: FIXTURE,
    execArgv: ['-r', REGISTER],
    env,
    restartBaseMs: 50,
    shutdownTimeoutMs: 1500,
  });
  primary.start(false);
  return { ports, exits };
}

const pidAt = async (port: number, path = '/'): Promise<number | undefined> => {
  try {
    return ((await (await fetch(`http://127.0.0.1:${port}${path}`)).json()) as { pid: number }).pid;
  } catch {
    return undefined;
  }
};

// Forking Node processes takes seconds on a loaded 2-core machine: well above the 5 s default.
describe('GatewayClusterPrimary', { timeout: 60_000 }, () => {
  it('N workers share one port; a dead worker is restarted; SIGTERM ends them gracefully', async () => {
    const { ports, exits } = start(2);
    await until(() => (ports.length === 2 ? true : undefined));
    expect(ports[0]).toBe(ports[1]); // listen(0) in cluster workers: one shared port
    const port = ports[0];
    const seen = new Set<number>();
    await until(async () => {
      const pid = await pidAt(port);
      if (pid) seen.add(pid);
      return seen.size === 2 ? true : undefined;
    });
    expect([...seen].sort()).toEqual([...(primary!.pids() as number[])].sort());

    const crashed = await pidAt(port, '/crash');
    await until(() =>
      primary!.restarts === 1 && !primary!.pids().includes(undefined) ? 1 : undefined,
    );
    expect(exits).toEqual([{ pid: crashed, code: 1, signal: null }]);
    const replacement = primary!.pids().find((p) => !seen.has(p!));
    expect(replacement).toBeDefined();
    await until(async () => ((await pidAt(port)) === replacement ? true : undefined));

    const live = primary!.pids();
    await primary!.shutdown();
    expect(exits.slice(1).sort((a, b) => a.pid! - b.pid!)).toEqual(
      live.map((pid) => ({ pid, code: 0, signal: null })).sort((a, b) => a.pid! - b.pid!),
    );
    expect(primary!.restarts).toBe(1); // nothing restarted during the shutdown
  });

  it('kills a worker that ignores SIGTERM after the timeout', async () => {
    const { ports, exits } = start(1, { FIXTURE_IGNORE_SIGTERM: '1' });
    await until(() => (ports.length === 1 ? true : undefined));
    const t0 = Date.now();
    await primary!.shutdown();
    expect(Date.now() - t0).toBeGreaterThanOrEqual(1400);
    expect(exits).toEqual([{ pid: expect.any(Number), code: null, signal: 'SIGKILL' }]);
  });

  it('backs off exponentially while a worker keeps dying soon after its start', () => {
    let quick = 0;
    const delays: number[] = [];
    for (let i = 0; i < 9; i++) {
      const next = GatewayClusterPrimary.backoff(1000, quick);
      quick = next.quickDeaths;
      delays.push(next.delayMs);
    }
    expect(delays).toEqual([500, 1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000]);
    // A worker that had been up for a while starts the series again.
    expect(GatewayClusterPrimary.backoff(60_000, quick)).toEqual({ delayMs: 500, quickDeaths: 1 });
  });
});
