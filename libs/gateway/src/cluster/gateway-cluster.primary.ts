import cluster, { type Worker } from 'node:cluster';
import { Logger } from '@nestjs/common';

/** Env var each worker gets: its slot 0..N-1 (stable across restarts; metrics label). */
export const WORKER_INDEX_ENV = 'GATEWAY_WORKER_INDEX';

export interface GatewayClusterOptions {
  readonly workers: number;
  /** Worker entry (default: the primary's own script, as node:cluster does). */
  readonly exec?: string;
  readonly execArgv?: readonly string[];
  readonly args?: readonly string[];
  /** Extra env of every worker (on top of the primary's). */
  readonly env?: Readonly<Record<string, string>>;
  /** First restart delay; doubled for each death in a row that came soon after a start. */
  readonly restartBaseMs?: number;
  readonly restartMaxMs?: number;
  /** A worker that ran this long before dying restarts after restartBaseMs again. */
  readonly stableAfterMs?: number;
  /** After SIGTERM, workers still alive this long are killed (SIGKILL). */
  readonly shutdownTimeoutMs?: number;
}

interface Slot {
  worker: Worker | undefined;
  startedAt: number;
  /** Deaths in a row, each soon after its start: drives the backoff. */
  quickDeaths: number;
  timer: NodeJS.Timeout | undefined;
}

/**
 * node:cluster primary of the standalone gateway: forks N workers that all listen on the same
 * PORT (the primary accepts and hands connections out round-robin, Node's default on Linux),
 * each a full gateway with its own upstream consumers. A worker that dies is restarted after
 * an exponential backoff (logged), so a crash loop (broker down) does not spin. SIGTERM/SIGINT
 * stop the restarts and are forwarded as SIGTERM; workers still alive after the timeout are
 * killed, then the primary exits. The primary holds no gateway state of its own.
 */
export class GatewayClusterPrimary {
  private readonly logger = new Logger('GatewayCluster');
  private readonly slots: Slot[] = [];
  private stopping: Promise<void> | undefined;
  restarts = 0;

  constructor(private readonly options: GatewayClusterOptions) {}

  /** Forks every worker. `handleSignals`: SIGTERM/SIGINT of the primary → shutdown + exit. */
  start(handleSignals = true): void {
    // Only what is set: an explicit undefined would replace node:cluster's defaults.
    const { exec, execArgv, args } = this.options;
    cluster.setupPrimary({
      ...(exec !== undefined && { exec }),
      ...(execArgv !== undefined && { execArgv: [...execArgv] }),
      ...(args !== undefined && { args: [...args] }),
    });
    for (let i = 0; i < this.options.workers; i++) {
      this.slots.push({ worker: undefined, startedAt: 0, quickDeaths: 0, timer: undefined });
      this.fork(i);
    }
    if (handleSignals) {
      const onSignal = (signal: NodeJS.Signals): void => {
        this.logger.log(`${signal}: stopping ${this.options.workers} workers`);
        void this.shutdown().then(() => process.exit(0));
      };
      process.once('SIGTERM', onSignal);
      process.once('SIGINT', onSignal);
    }
    this.logger.log(`primary ${process.pid}: ${this.options.workers} gateway workers`);
  }

  /** Live worker pids by slot (undefined while a slot waits for its restart). */
  pids(): (number | undefined)[] {
    return this.slots.map((s) => s.worker?.process.pid);
  }

  /** Forwards SIGTERM to every worker and resolves once all have exited (or were killed). */
  shutdown(): Promise<void> {
    this.stopping ??= this.stopAll();
    return this.stopping;
  }

  private async stopAll(): Promise<void> {
    const exits: Promise<void>[] = [];
    for (const slot of this.slots) {
      if (slot.timer) clearTimeout(slot.timer);
      slot.timer = undefined;
      const worker = slot.worker;
      if (!worker || worker.isDead()) continue;
      exits.push(new Promise<void>((resolve) => worker.once('exit', () => resolve())));
      worker.process.kill('SIGTERM');
    }
    const timeoutMs = this.options.shutdownTimeoutMs ?? 15_000;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    const outcome = await Promise.race([Promise.all(exits), timedOut]);
    clearTimeout(timer);
    if (outcome === 'timeout') {
      for (const slot of this.slots) {
        if (slot.worker && !slot.worker.isDead()) {
          this.logger.warn(`worker ${slot.worker.process.pid} ignored SIGTERM for ${timeoutMs} ms`);
          slot.worker.process.kill('SIGKILL');
        }
      }
      await Promise.all(exits);
    }
  }

  /**
   * Restart delay after a worker that lived `livedMs` died, `quickDeaths` deaths in a row
   * before it: a worker that had been up for stableAfterMs restarts after restartBaseMs, each
   * quick death in a row doubles the delay, capped at restartMaxMs.
   */
  static backoff(
    livedMs: number,
    quickDeaths: number,
    options: Pick<GatewayClusterOptions, 'restartBaseMs' | 'restartMaxMs' | 'stableAfterMs'> = {},
  ): { delayMs: number; quickDeaths: number } {
    const n = livedMs >= (options.stableAfterMs ?? 30_000) ? 1 : quickDeaths + 1;
    const base = options.restartBaseMs ?? 500;
    return {
      delayMs: Math.min(base * 2 ** (n - 1), options.restartMaxMs ?? 30_000),
      quickDeaths: n,
    };
  }

  private fork(index: number): void {
    const slot = this.slots[index];
    const worker = cluster.fork({ ...this.options.env, [WORKER_INDEX_ENV]: String(index) });
    slot.worker = worker;
    slot.startedAt = Date.now();
    worker.once('exit', (code, signal) => this.onExit(index, worker, code, signal));
  }

  private onExit(index: number, worker: Worker, code: number | null, signal: string | null): void {
    const slot = this.slots[index];
    if (slot.worker !== worker || this.stopping) return;
    slot.worker = undefined;
    const lived = Date.now() - slot.startedAt;
    const next = GatewayClusterPrimary.backoff(lived, slot.quickDeaths, this.options);
    slot.quickDeaths = next.quickDeaths;
    const delay = next.delayMs;
    this.logger.error(
      `worker ${index} (pid ${worker.process.pid}) died (${signal ?? `code ${code}`}) after ` +
        `${(lived / 1000).toFixed(1)} s; restart in ${delay} ms`,
    );
    slot.timer = setTimeout(() => {
      slot.timer = undefined;
      if (this.stopping) return;
      this.restarts++;
      this.fork(index);
    }, delay);
  }
}
