import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { GatewayClient } from './gateway.client';
import { stepsForEventRate } from '@feedgate/emulator';
import type { LoadOptions } from './load.options';
import type { ProcessResult, StageRates, StepResult, TimelinePoint } from './load-result';
import { LoadTopology } from './load.topology';
import { LogLinearHistogram } from './log-linear.histogram';
import { ProgressBar } from './progress.bar';
import { INCIDENT_METRICS, takeSnapshot, type StageSnapshot } from './stage.snapshot';
import { UnifiedProbe } from './unified.probe';
import { lossCount, type LossCount } from './loss.count';
import type { SymbolTruth } from '../chaos/emulator-control.client';
import { judgeStep } from './step.verdict';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Trade ids and book sequences of one step's emulator start this far above the previous step's.
 * The back end (dedup's 60 s window) outlives a step: with overlapping ranges, a step's trades
 * were rightly dropped as repeats of the step before (the "lost" trades of earlier sweeps, one
 * symbol at a time from an id in the middle of the range). 10^8 is more than any step sends
 * per symbol, and 20 steps stay below 2^31.
 */
const ID_BASE_PER_STEP = 100_000_000;

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
  /** Steps started so far (the broker warm-up included): each gets its own id range. */
  private stepsStarted = 0;
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
    // A fresh seed per step (a fresh market), and ids above every earlier step's.
    const idBase = ++this.stepsStarted * ID_BASE_PER_STEP;
    await this.topology.startStep(steps, this.opts.seed + index, idBase);
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
    // Nothing is sent while every connection is stalled, so the ground truth is final now.
    const truth = await emu.groundTruth();
    const loss = await this.drain(truth);
    const drained = await takeSnapshot(this.topology.allServices());
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
      gatesShed: rate((s) => s.incidents.gate_events_dropped_total),
      dedupIn: rate((s) => s.dedupIn),
      dedupOut,
      unifiedSeen,
      gatewayDelivered: rate((s) => s.gatewaySent),
      gatewayPerClient: Math.round(clientMsgs / Math.max(1, this.clients.length) / dt),
      dedupBacklogStart: before.dedupLag,
      dedupBacklogEnd: after.dedupLag,
    };
    const closes = this.clients.reduce((s, c) => s + c.closes, 0) - closes0;
    const { failReasons, saturated } = judgeStep({
      targetRate,
      budgetMs: this.opts.budgetMs,
      latencyMs,
      latencyToUnifiedMs,
      stages,
      shedEvents:
        after.incidents.gate_events_dropped_total - before.incidents.gate_events_dropped_total,
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
      incidents: incidentGrowth(before, drained),
      badFrames: probe.badFrames,
      clientDisconnects: closes,
      processes,
      timeline,
      pass: failReasons.length === 0,
      saturated,
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

  /**
   * Waits for the trades still in flight, then counts loss. Done when every trade of the ground
   * truth has arrived and md.unified has been quiet for 1.5 s (late duplicates count too). A
   * trade still missing is called lost only after md.unified has been quiet for 5 s (less than
   * the 10 s after which a gate replaces a silent connection with an unstalled one), or at the
   * 30 s deadline. A quiet spell alone is not the end: one slow dedup transaction can hold the
   * last trades back for over a second while nothing else moves.
   */
  private async drain(truth: readonly SymbolTruth[]): Promise<LossCount> {
    const probe = this.probe!;
    const deadline = Date.now() + 30_000;
    let last = -1;
    let quietSince = Date.now();
    let firstCount: LossCount | undefined;
    for (;;) {
      if (probe.events !== last) {
        last = probe.events;
        quietSince = Date.now();
      }
      const quietMs = Date.now() - quietSince;
      const late = Date.now() >= deadline;
      if (quietMs >= 1500 || late) {
        const loss = lossCount(truth, probe.trades);
        firstCount ??= loss;
        if (loss.lost === 0 || quietMs >= 5000 || late) {
          if (firstCount.lost > loss.lost)
            this.log(
              `drain: ${firstCount.lost - loss.lost} trades arrived after md.unified had been quiet 1.5 s`,
            );
          if (late) this.log('drain: md.unified still moving after 30 s; counting anyway');
          return loss;
        }
      }
      await sleep(250);
    }
  }
}

/** The incident counters that grew between two snapshots (a process restart would read < 0). */
function incidentGrowth(from: StageSnapshot, to: StageSnapshot): Record<string, number> {
  const out: Record<string, number> = {};
  for (const m of INCIDENT_METRICS) {
    const grew = to.incidents[m] - from.incidents[m];
    if (grew !== 0) out[m] = grew;
  }
  return out;
}

function isNonEmpty(s: string | undefined): s is string {
  return s !== undefined && s !== '';
}

function r2(x: number): number {
  return Math.round(x * 100) / 100;
}
