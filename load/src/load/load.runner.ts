import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { GatewayClient } from './gateway.client';
import type { LoadOptions } from './load.options';
import { stepsForEventRate } from './load.options';
import type { ProcessResult, StageRates, StepResult, TimelinePoint } from './load-result';
import { LoadTopology } from './load.topology';
import { LogLinearHistogram } from './log-linear.histogram';
import { ProgressBar } from './progress.bar';
import { takeSnapshot, type StageSnapshot } from './stage.snapshot';
import { UnifiedProbe } from './unified.probe';
import { lossCount } from './loss.count';
import { stepFailReasons } from './step.verdict';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * One load session: the back end and the probes start once, then each rate step starts the
 * emulator and gates, warms up, measures for the step's duration, freezes the emulator's ground
 * truth (every connection stalled), drains, and counts loss and duplicates.
 */
export class LoadRunner {
  private readonly topology: LoadTopology;
  private probe: UnifiedProbe | undefined;
  private readonly clients: GatewayClient[] = [];
  private readonly unified = new LogLinearHistogram();
  private readonly gateway = new LogLinearHistogram();
  private readonly tickUnified = new LogLinearHistogram();
  private readonly tickGateway = new LogLinearHistogram();
  private recording = false;
  private readonly adminKey = `load-admin-${process.pid}-${Date.now()}`;

  constructor(
    private readonly opts: LoadOptions,
    private readonly log: (line: string) => void,
  ) {
    const logDir = join(opts.reportDir, 'load-logs');
    mkdirSync(logDir, { recursive: true });
    this.topology = new LoadTopology({
      exchanges: opts.exchanges,
      symbols: opts.symbols,
      gatesPerReplica: opts.gatesPerReplica,
      logDir,
      adminKey: this.adminKey,
      log,
    });
  }

  async start(): Promise<void> {
    await this.topology.startBackend();
    const uSink = (): LogLinearHistogram[] | undefined =>
      this.recording ? [this.unified, this.tickUnified] : undefined;
    const gSink = (): LogLinearHistogram[] | undefined =>
      this.recording ? [this.gateway, this.tickGateway] : undefined;
    this.probe = new UnifiedProbe(this.topology.brokers, uSink);
    await this.probe.start();
    // binance-futures trades are normalized as BASE-QUOTE-PERP: subscribe to both forms.
    const perp = this.opts.exchanges.includes('binance-futures');
    const subs = this.opts.symbols.flatMap((s) => (perp ? [s, `${s}-PERP`] : [s]));
    const wsUrl = `${this.topology.gatewayUrl.replace(/^http/, 'ws')}/ws?apiKey=${this.adminKey}`;
    for (let i = 0; i < this.opts.clients; i++) {
      const c = new GatewayClient(wsUrl, subs, gSink);
      await c.connect();
      this.clients.push(c);
    }
    this.log(`probe on md.unified and ${this.clients.length} gateway clients ready`);
  }

  async stop(): Promise<void> {
    for (const c of this.clients) c.close();
    await this.probe?.stop();
    await this.topology.stop();
  }

  async runStep(targetRate: number, durationSec: number, index: number): Promise<StepResult> {
    const { exchanges, symbols, warmupSec } = this.opts;
    const probe = this.probe!;
    probe.resetIds();
    const steps = stepsForEventRate(targetRate / (exchanges.length * symbols.length));
    // A fresh seed per step: fresh trade ids, so a step never looks like a replay of the last.
    await this.topology.startStep(steps, this.opts.seed + index);
    await sleep(warmupSec * 1000);
    await this.settle();

    for (const h of [this.unified, this.gateway, this.tickUnified, this.tickGateway]) h.reset();
    for (const h of Object.values(probe.stages)) h.reset();
    const clientMsgs0 = this.clients.reduce((s, c) => s + c.messages, 0);
    const closes0 = this.clients.reduce((s, c) => s + c.closes, 0);
    const before = await takeSnapshot(this.topology.allServices());
    const events0 = probe.events;
    this.recording = true;
    const timeline: TimelinePoint[] = [];
    const bar = new ProgressBar(durationSec, targetRate);
    let lastEvents = events0;
    let lastAt = Date.now();
    const t0 = lastAt;
    while (Date.now() - t0 < durationSec * 1000) {
      await sleep(Math.min(1000, t0 + durationSec * 1000 - Date.now()));
      const now = Date.now();
      const rate = ((probe.events - lastEvents) * 1000) / Math.max(1, now - lastAt);
      const point: TimelinePoint = {
        t: Math.round((now - t0) / 100) / 10,
        rate: Math.round(rate),
        p99UnifiedMs: this.tickUnified.percentileMs(0.99),
        p99GatewayMs: this.tickGateway.percentileMs(0.99),
      };
      timeline.push(point);
      bar.update(point);
      this.tickUnified.reset();
      this.tickGateway.reset();
      lastEvents = probe.events;
      lastAt = now;
    }
    this.recording = false;
    const after = await takeSnapshot(this.topology.allServices());
    const windowEvents = probe.events - events0;
    bar.done();

    // Freeze the ground truth: stall every connection (a trade sent only to stalled sockets is
    // not "sent"), let the pipeline drain, then compare what md.unified holds.
    const emu = this.topology.emulator!;
    for (const exchange of exchanges) {
      await emu.fault({ exchange, kind: 'stall', durationMs: 120_000 }).catch((e: unknown) => {
        this.log(`stall ${exchange}: ${String(e)}`);
      });
    }
    await this.drain();
    const truth = await emu.groundTruth();
    const loss = lossCount(truth, probe.trades);
    await this.topology.stopStep();

    const dt = (after.at - before.at) / 1000;
    const clientMsgs = this.clients.reduce((s, c) => s + c.messages, 0) - clientMsgs0;
    const rate = (f: (s: StageSnapshot) => number): number =>
      Math.round((f(after) - f(before)) / dt);
    const dedupOut = rate((s) => s.dedupOut);
    const unifiedSeen = Math.round(windowEvents / dt);
    const achievedRate = dedupOut > 0 ? dedupOut : unifiedSeen;
    const millions = (achievedRate * dt) / 1e6;
    const processes: ProcessResult[] = [...after.cpuSec.entries()].map(([name, cpu]) => {
      const cpuSec = cpu - (before.cpuSec.get(name) ?? cpu);
      const perMillion = millions > 0 ? cpuSec / millions : 0;
      return {
        name,
        role: name.replace(/\d+$/, '').replace(/^gate-[ab]$/, 'gate'),
        cpuSec: r2(cpuSec),
        cpuSecPerMillion: r2(perMillion),
        coresPer100k: r2(perMillion / 10),
        peakRssMb: Math.round(after.peakRssMb.get(name) ?? 0),
      };
    });
    const duplicates = probe.tradeDuplicates + probe.bookDuplicates;
    const latencyMs = this.gateway.summary();
    const latencyToUnifiedMs = this.unified.summary();
    const stages: StageRates = {
      emulatorEmitted: Math.max(
        rate((s) => s.parsedA),
        rate((s) => s.parsedB),
      ),
      gatesPublished: rate((s) => s.publishedA + s.publishedB),
      gatesPublishedA: rate((s) => s.publishedA),
      gatesPublishedB: rate((s) => s.publishedB),
      gatesShed: rate((s) => s.gateDropped),
      dedupIn: rate((s) => s.dedupIn),
      dedupOut,
      unifiedSeen,
      gatewayDelivered: rate((s) => s.gatewaySent),
      gatewayPerClient: Math.round(clientMsgs / Math.max(1, this.clients.length) / dt),
      dedupBacklogStart: before.dedupLag,
      dedupBacklogEnd: after.dedupLag,
    };
    const closes = this.clients.reduce((s, c) => s + c.closes, 0) - closes0;
    const failReasons = stepFailReasons({
      targetRate,
      budgetMs: this.opts.budgetMs,
      latencyMs,
      latencyToUnifiedMs,
      stages,
      lost: loss.lost,
      duplicates,
      clientDisconnects: closes,
      closeReasons: [...new Set(this.clients.map((c) => c.lastClose).filter(isNonEmpty))],
    });
    return {
      targetRate,
      stepsPerSymbol: steps,
      durationSec: r2(dt),
      achievedRate,
      stages,
      latencyMs,
      latencyToUnifiedMs,
      stageLatencyMs: {
        exchangeToGate: probe.stages.exchangeToGate.summary(),
        gateToDedup: probe.stages.gateToDedup.summary(),
        dedupToConsumer: probe.stages.dedupToConsumer.summary(),
      },
      expectedTrades: loss.expected,
      deliveredTrades: loss.delivered,
      lost: loss.lost,
      lostBy: loss.lostBy,
      duplicates,
      badFrames: probe.badFrames,
      clientDisconnects: closes,
      processes,
      timeline,
      pass: failReasons.length === 0,
      failReasons,
    };
  }

  /**
   * After the warm-up, waits (at most 30 s) until dedup has no md.raw backlog left: the gates'
   * start (60+ book snapshots, connection bursts) queues records that would otherwise count as
   * seconds of latency in a steady-state measurement. A backlog that never drains is reported
   * by the step itself (the "dedup backlog" fail reason).
   */
  private async settle(): Promise<void> {
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      const snap = await takeSnapshot(this.topology.allServices());
      if (snap.dedupLag < 100) return;
      await sleep(500);
    }
    this.log('warm-up: dedup backlog still not drained after 30 s; measuring anyway');
  }

  /** Waits until md.unified has been quiet for 1.5 s (at most 30 s). */
  private async drain(): Promise<void> {
    const probe = this.probe!;
    const deadline = Date.now() + 30_000;
    let last = -1;
    let quietSince = Date.now();
    while (Date.now() < deadline) {
      if (probe.events !== last) {
        last = probe.events;
        quietSince = Date.now();
      } else if (Date.now() - quietSince >= 1500) {
        return;
      }
      await sleep(250);
    }
    this.log('md.unified still moving after 30 s of drain; counting anyway');
  }
}

function isNonEmpty(s: string | undefined): s is string {
  return s !== undefined && s !== '';
}

function r2(x: number): number {
  return Math.round(x * 100) / 100;
}
