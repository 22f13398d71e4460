import { mulberry32 } from '@feedgate/core';
import type { EmulatorControlClient } from './emulator-control.client';
import { sleep, type ReplicaHealthTracker, type ReplicaTag } from './replica-health.tracker';

/** The crash and restart hooks the runner gives the scheduler. */
export interface ChaosHooks {
  killGateA(): Promise<void>;
  startGateA(): Promise<void>;
  killDedup(): Promise<void>;
  startDedup(): Promise<void>;
  restartBroker(): Promise<void>;
}

export interface ChaosCounts {
  gateKills: number;
  dedupKills: number;
  brokerRestarts: number;
  faults: number;
  faultsSkipped: number;
}

interface Planned {
  readonly at: number;
  readonly kind: 'gate' | 'dedup' | 'broker';
  done: boolean;
}

/** Replica B must have been flowing this long before A is hurt, and vice versa. */
const OTHER_STABLE_MS = 2000;
/**
 * While the broker is away a gate holds everything it received since the broker left; a gate
 * killed then loses all of it, i.e. that replica is retroactively "down" for the whole outage,
 * and any one-replica fault on B meanwhile becomes a both-replicas loss. So gate A is not
 * killed from the broker going down until this long after it is back (backlog flushed).
 */
const BROKER_FLUSH_MS = 5000;

/**
 * Drives the chaos phase. The invariant it keeps: for every exchange, at most one replica is
 * hurt at a time (a fault on one replica, or gate A dead) and the other has been seen
 * subscribed and flowing for OTHER_STABLE_MS first. Faults act on a whole connection, which
 * carries every symbol of the exchange, so the exchange is the unit of "subscription" here.
 * Dedup crashes and the broker restart do not touch the replicas and run on their own plan.
 */
export class ChaosScheduler {
  readonly counts: ChaosCounts = {
    gateKills: 0,
    dedupKills: 0,
    brokerRestarts: 0,
    faults: 0,
    faultsSkipped: 0,
  };
  private gateCycle = false;
  /** No gate A kill before this (broker outage in progress or its backlog still flushing). */
  private brokerQuietFrom = 0;
  private readonly inFlight = new Set<Promise<void>>();
  private rnd: () => number;

  constructor(
    private readonly emulator: EmulatorControlClient,
    private readonly health: ReplicaHealthTracker,
    private readonly hooks: ChaosHooks,
    private readonly exchanges: readonly string[],
    private readonly opts: {
      durationMs: number;
      gateKills: number;
      dedupKill: boolean;
      brokerRestart: boolean;
      faultEveryMs: number;
      seed: number;
      log: (line: string) => void;
    },
  ) {
    // Seeded: the same seed gives the same fault plan (timing still varies).
    this.rnd = mulberry32(opts.seed);
  }

  async run(): Promise<void> {
    const start = Date.now();
    const D = this.opts.durationMs;
    const plan: Planned[] = [];
    // Spread over the first ~85% of the run, so the last crash has time to recover in it.
    for (let i = 0; i < this.opts.gateKills; i++)
      plan.push({
        at: start + (D * 0.85 * (i + 0.3)) / this.opts.gateKills,
        kind: 'gate',
        done: false,
      });
    if (this.opts.dedupKill) plan.push({ at: start + D * 0.35, kind: 'dedup', done: false });
    if (this.opts.brokerRestart) plan.push({ at: start + D * 0.55, kind: 'broker', done: false });
    let nextFault = start + this.opts.faultEveryMs * (0.5 + this.rnd());
    const end = start + D;
    while (Date.now() < end) {
      const now = Date.now();
      for (const p of plan) {
        if (p.done || now < p.at) continue;
        if (p.kind === 'gate' && !this.canKillGateA()) continue;
        p.done = true;
        this.spawn(
          p.kind === 'gate'
            ? this.gateCycleRun()
            : p.kind === 'dedup'
              ? this.dedupCycle()
              : this.brokerCycle(),
        );
      }
      if (now >= nextFault && now < end - 3000) {
        await this.randomFault();
        nextFault = now + this.opts.faultEveryMs * (0.5 + this.rnd());
      }
      await sleep(100);
    }
    const missed = plan.filter((p) => !p.done).map((p) => p.kind);
    if (missed.length)
      this.opts.log(`chaos: not run (conditions never allowed): ${missed.join(', ')}`);
    await Promise.all([...this.inFlight]);
  }

  private spawn(task: Promise<void>): void {
    const p = task.catch((e: unknown) => this.opts.log(`chaos task failed: ${String(e)}`));
    this.inFlight.add(p);
    void p.finally(() => this.inFlight.delete(p));
  }

  private canKillGateA(): boolean {
    return (
      !this.gateCycle &&
      Date.now() >= this.brokerQuietFrom &&
      this.health.allHealthy('B', OTHER_STABLE_MS)
    );
  }

  private async gateCycleRun(): Promise<void> {
    this.gateCycle = true;
    try {
      // Gate A is down on every exchange until we have seen it back.
      for (const e of this.exchanges) this.health.block(e, 'A', Number.MAX_SAFE_INTEGER);
      await this.hooks.killGateA();
      this.counts.gateKills++;
      const downMs = 1500 + Math.floor(this.rnd() * 2000);
      this.opts.log(`chaos: gate A killed (SIGKILL), down ${downMs} ms`);
      await sleep(downMs);
      await this.hooks.startGateA();
      for (const e of this.exchanges) this.health.unblock(e, 'A');
    } finally {
      this.gateCycle = false;
    }
  }

  private async dedupCycle(): Promise<void> {
    await this.hooks.killDedup();
    this.counts.dedupKills++;
    this.opts.log('chaos: dedup killed (SIGKILL)');
    await sleep(1000);
    await this.hooks.startDedup();
  }

  private async brokerCycle(): Promise<void> {
    this.brokerQuietFrom = Number.MAX_SAFE_INTEGER;
    this.opts.log('chaos: restarting the Kafka broker');
    try {
      await this.hooks.restartBroker();
    } finally {
      this.brokerQuietFrom = Date.now() + BROKER_FLUSH_MS;
    }
    this.counts.brokerRestarts++;
    this.opts.log('chaos: broker back');
  }

  /** A disconnect or short stall on one replica of one exchange, if the other is healthy. */
  private async randomFault(): Promise<void> {
    const exchange = this.exchanges[Math.floor(this.rnd() * this.exchanges.length)];
    const replica: ReplicaTag = this.rnd() < 0.5 ? 'A' : 'B';
    const other: ReplicaTag = replica === 'A' ? 'B' : 'A';
    if (
      (replica === 'B' && this.gateCycle) ||
      !this.health.healthy(exchange, other, OTHER_STABLE_MS) ||
      !this.health.healthy(exchange, replica, 500)
    ) {
      this.counts.faultsSkipped++;
      return;
    }
    const stall = this.rnd() < 0.5;
    // Stalls stay well under every venue's silence timeout (kraken: 10 s).
    const durationMs = stall ? 800 + Math.floor(this.rnd() * 2200) : 0;
    this.health.block(exchange, replica, Date.now() + durationMs + 500);
    try {
      await this.emulator.fault(
        stall
          ? { exchange, kind: 'stall', replica, durationMs }
          : { exchange, kind: 'disconnect', replica },
      );
      this.counts.faults++;
      this.opts.log(
        `chaos: ${stall ? `stall ${durationMs} ms` : 'disconnect'} ${exchange} ${replica}`,
      );
    } catch (e) {
      this.opts.log(`chaos: fault failed: ${String(e)}`);
    }
  }
}
