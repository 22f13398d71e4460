import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChaosBroker, freePort } from './chaos.broker';
import { ChaosChild } from './chaos-child.process';
import { CHAOS_WS_PATHS, type ChaosOptions } from './chaos.options';
import { ChaosScheduler, type ChaosCounts } from './chaos.scheduler';
import { tally, type ChaosDetail, type ChaosResult } from './chaos.tally';
import { EmulatorControlClient, type SymbolTruth } from './emulator-control.client';
import { ReplicaHealthTracker, sleep } from './replica-health.tracker';
import { readUnified } from './unified.reader';

export interface ChaosOutcome {
  readonly result: ChaosResult;
  readonly detail: ChaosDetail;
  readonly counts: ChaosCounts;
  readonly logDir: string;
}

/** Everything a run starts, so the scenario specs can drive their own faults. */
export interface ChaosRig {
  readonly broker: ChaosBroker;
  readonly emulator: EmulatorControlClient;
  readonly health: ReplicaHealthTracker;
  readonly gateA: ChaosChild;
  readonly gateB: ChaosChild;
  readonly dedup: ChaosChild;
  readonly logDir: string;
}

/**
 * Own broker → emulator (ground truth) → gates A and B → md.raw → dedup → md.unified, each a
 * child process. `withRig` starts it all, waits until both replicas flow, runs `body`, then
 * freezes the feed (refuse new sockets, stall open ones: nothing more is sent), lets the
 * pipeline drain, reads md.unified and the ground truth, and tears everything down.
 */
export async function withRig<T>(
  o: ChaosOptions,
  body: (rig: ChaosRig) => Promise<T>,
): Promise<{ value: T; truth: SymbolTruth[]; unified: Awaited<ReturnType<typeof readUnified>> }> {
  const logDir = mkdtempSync(join(tmpdir(), 'feedgate-chaos-'));
  const dataDir = join(logDir, 'kafka');
  mkdirSync(dataDir);
  o.log(`chaos: logs in ${logDir}`);
  const broker = await ChaosBroker.create(dataDir, o.log);
  const children: ChaosChild[] = [];
  let health: ReplicaHealthTracker | undefined;
  try {
    await broker.up();
    const emu = new ChaosChild('emulator', 'emulator/src/main.ts', {}, logDir);
    children.push(emu);
    const line = await emu.start(
      [
        '--exchanges',
        o.exchanges.join(','),
        '--symbols',
        o.symbols.join(','),
        '--rate',
        String(o.rate),
        '--seed',
        String(o.seed),
        '--port',
        '0',
      ],
      true,
    );
    const started = JSON.parse(line) as {
      control: string;
      exchanges: Record<string, { ws: string; rest: string }>;
    };
    const emulator = new EmulatorControlClient(started.control);
    const common = {
      KAFKA_BROKERS: broker.brokers,
      LOG_FORMAT: 'json',
      LOG_LEVEL: 'info',
      BUS_SESSION_TIMEOUT_MS: '6000',
    };
    const gateEnv = (replica: 'A' | 'B', port: number): NodeJS.ProcessEnv => {
      const env: NodeJS.ProcessEnv = {
        ...common,
        GATE_ID: `chaos-gate-${replica.toLowerCase()}`,
        GATE_REPLICA: replica,
        GATE_EXCHANGES: o.exchanges.join(','),
        GATE_SYMBOLS: o.symbols.join(','),
        GATE_CHANNELS: 'trade,book',
        PORT: String(port),
      };
      for (const ex of o.exchanges) {
        const id = ex.toUpperCase().replace(/-/g, '_');
        const urls = started.exchanges[ex];
        // The tag lets the emulator fault one replica's sockets and not the other's.
        env[`GATE_URL_${id}_WS`] = `${urls.ws}${CHAOS_WS_PATHS[ex] ?? '/'}?replica=${replica}`;
        env[`GATE_URL_${id}_REST`] = urls.rest;
      }
      return env;
    };
    const gateA = new ChaosChild(
      'gate-a',
      'apps/gate/src/main.ts',
      gateEnv('A', await freePort(0)),
      logDir,
    );
    const gateB = new ChaosChild(
      'gate-b',
      'apps/gate/src/main.ts',
      gateEnv('B', await freePort(0)),
      logDir,
    );
    const dedup = new ChaosChild(
      'dedup',
      'apps/dedup/src/main.ts',
      {
        ...common,
        DEDUP_INSTANCE_ID: 'chaos-0',
        DEDUP_GROUP_ID: 'chaos-dedup',
        PORT: String(await freePort(0)),
      },
      logDir,
    );
    children.push(gateA, gateB, dedup);
    await dedup.start();
    await gateA.start();
    await gateB.start();
    health = new ReplicaHealthTracker(emulator, o.exchanges, o.symbols);
    health.start();
    if (!(await health.waitAllHealthy(1000, 120_000))) {
      throw new Error('gates A and B never both subscribed to everything (see gate-*.log)');
    }
    o.log('chaos: both replicas live on every exchange');
    const value = await body({ broker, emulator, health, gateA, gateB, dedup, logDir });

    // Freeze: from here the emulator sends nothing, so its ground truth is final.
    for (const exchange of o.exchanges) {
      await emulator.fault({ exchange, kind: 'refuse', durationMs: 3_600_000 });
      await emulator.fault({ exchange, kind: 'stall', durationMs: 3_600_000 });
    }
    const truth = await emulator.groundTruth();
    o.log(`chaos: feed frozen; settling ${o.settleMs} ms`);
    await sleep(o.settleMs);
    let unified = await readUnified(broker.brokers, 'md.unified', o.log);
    // Dedup may still be catching up after its crash (group rejoin, window rebuild): re-read
    // while the output still grows.
    for (let i = 0; i < 6; i++) {
      const { result } = tally(truth, unified.events, 0);
      if (result.lost === 0) break;
      await sleep(5000);
      const again = await readUnified(broker.brokers, 'md.unified', o.log);
      const grew = again.events.length > unified.events.length;
      unified = again;
      if (!grew) break;
    }
    return { value, truth, unified };
  } finally {
    health?.stop();
    for (const c of children.reverse()) await c.close().catch(() => undefined);
    await broker.down().catch((e: unknown) => o.log(`chaos: broker down failed: ${String(e)}`));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The chaos test: gate A crashes, one-replica faults, a dedup crash, a broker restart. */
export async function runChaos(o: ChaosOptions): Promise<ChaosOutcome> {
  let logDir = '';
  let phaseMs = 0;
  const {
    value: counts,
    truth,
    unified,
  } = await withRig(o, async (rig) => {
    logDir = rig.logDir;
    const scheduler = new ChaosScheduler(
      rig.emulator,
      rig.health,
      {
        killGateA: () => rig.gateA.kill9(),
        startGateA: async () => void (await rig.gateA.start()),
        killDedup: () => rig.dedup.kill9(),
        startDedup: async () => void (await rig.dedup.start()),
        restartBroker: async () => {
          await rig.broker.down();
          await rig.broker.up();
        },
      },
      o.exchanges,
      { ...o, durationMs: o.durationSec * 1000 },
    );
    const t0 = Date.now();
    await scheduler.run();
    phaseMs = Date.now() - t0;
    // Let the last gate restart reconnect before the feed is frozen.
    await rig.health.waitAllHealthy(1000, 60_000);
    return scheduler.counts;
  });
  const durationSec = Math.round(phaseMs / 100) / 10;
  const { result, detail } = tally(truth, unified.events, durationSec);
  return { result, detail, counts, logDir };
}
