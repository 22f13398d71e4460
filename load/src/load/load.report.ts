import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { fitCapacity, type CapacityModel } from './capacity.model';
import { renderChart } from './load-chart.svg';
import type { LoadOptions } from './load.options';
import type { StepResult, TimelinePoint } from './load-result';

/** How the emulator frames events, per exchange (see emulator/src/dialects). */
export const FRAMING: Readonly<Record<string, string>> = {
  binance:
    'one WS message per trade; one depth diff per symbol per 50 ms tick; one bookTicker per bbo change',
  'binance-futures': 'as binance (one message per trade, one depth diff per tick)',
  okx: 'one message per trade (data[1]); one books update per symbol per tick',
  bybit:
    "one publicTrade message per tick with all the tick's trades; one orderbook delta per tick",
  coinbase: 'one match message per trade; one l2update per symbol per tick',
  kraken: "one trade message per tick with all the tick's trades; one book update per tick",
};

export interface LoadReport {
  readonly machine: { cpus: number; model: string; node: string };
  readonly options: Omit<LoadOptions, 'json' | 'reportDir' | 'reportName'>;
  readonly framing: Record<string, string>;
  readonly steps: StepResult[];
  /** The step the headline fields describe (the single run, or the best passing --find-max step). */
  readonly headline: StepResult;
  readonly highestPassingRate: number | null;
  /** Idle + marginal cores per stage fitted over the steps (needs two rates, e.g. --find-max). */
  readonly capacity?: CapacityModel;
}

export function buildReport(opts: LoadOptions, steps: StepResult[]): LoadReport {
  const passing = steps.filter((s) => s.pass);
  // --find-max bisects after a failure, so the best pass is not always the last one.
  const best = passing.reduce<StepResult | undefined>(
    (b, s) => (b === undefined || s.achievedRate > b.achievedRate ? s : b),
    undefined,
  );
  const { json: _j, reportDir: _d, reportName: _n, ...options } = opts;
  return {
    machine: { cpus: cpus().length, model: cpus()[0]?.model ?? '?', node: process.version },
    options,
    framing: Object.fromEntries(opts.exchanges.map((e) => [e, FRAMING[e] ?? '?'])),
    steps,
    headline: opts.findMax ? (best ?? steps[0]) : steps[0],
    highestPassingRate: best ? best.achievedRate : null,
    capacity: fitCapacity(steps, cpus().length),
  };
}

/** The `--json` line of the brief. */
export function summaryJson(report: LoadReport): string {
  const h = report.headline;
  return JSON.stringify({
    targetRate: h.targetRate,
    achievedRate: h.achievedRate,
    latencyMs: {
      p50: h.latencyMs.p50,
      p99: h.latencyMs.p99,
      p999: h.latencyMs.p999,
      max: h.latencyMs.max,
    },
    latencyToUnifiedMs: {
      p50: h.latencyToUnifiedMs.p50,
      p99: h.latencyToUnifiedMs.p99,
      p999: h.latencyToUnifiedMs.p999,
      max: h.latencyToUnifiedMs.max,
    },
    lost: h.lost,
    duplicates: h.duplicates,
    processes: h.processes.map((p) => ({
      name: p.name,
      cpuSecPerMillion: p.cpuSecPerMillion,
      peakRssMb: p.peakRssMb,
    })),
    ...(report.options.findMax ? { highestPassingRate: report.highestPassingRate } : {}),
    ...(report.capacity ? { coresFor600k: report.capacity.coresFor600k } : {}),
  });
}

export function writeReport(report: LoadReport, dir: string, name: string): string[] {
  mkdirSync(dir, { recursive: true });
  const files = [join(dir, `${name}.json`), join(dir, `${name}.md`), join(dir, `${name}.svg`)];
  writeFileSync(files[0], `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(files[1], markdown(report, `${name}.svg`));
  let offset = 0;
  const points: TimelinePoint[] = [];
  for (const s of report.steps) {
    for (const p of s.timeline) points.push({ ...p, t: Math.round((offset + p.t) * 10) / 10 });
    offset += s.durationSec;
  }
  const title = report.options.findMax
    ? `feedgate load --find-max (${report.steps.map((s) => s.targetRate).join(', ')} ev/s)`
    : `feedgate load at ${report.headline.targetRate.toLocaleString('en-US')} ev/s`;
  writeFileSync(files[2], renderChart(points, title));
  return files;
}

export function stepTable(steps: readonly StepResult[]): string {
  const rows = [
    '| target ev/s | achieved | emitted | gates out (A+B) | dedup in | dedup out | gw sent | p50 gw | p99 gw | p99.9 gw | max gw | p99.9 unified | lost | dup | pass |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
  ];
  for (const s of steps) {
    const g = s.latencyMs;
    rows.push(
      `| ${n(s.targetRate)} | ${n(s.achievedRate)} | ${n(s.stages.emulatorEmitted)} | ${n(s.stages.gatesPublished)} | ` +
        `${n(s.stages.dedupIn)} | ${n(s.stages.dedupOut)} | ${n(s.stages.gatewayDelivered)} | ${g.p50} | ${g.p99} | ${g.p999} | ${g.max} | ` +
        `${s.latencyToUnifiedMs.p999} | ${s.lost} | ${s.duplicates} | ${s.pass ? 'yes' : `no (${s.failReasons.join('; ')})`} |`,
    );
  }
  return rows.join('\n');
}

export function processTable(step: StepResult): string {
  const rows = [
    '| process | CPU s | CPU s / 1M events | cores per 100k ev/s | peak RSS MB |',
    '| --- | ---: | ---: | ---: | ---: |',
  ];
  for (const p of step.processes) {
    rows.push(
      `| ${p.name} | ${p.cpuSec} | ${p.cpuSecPerMillion} | ${p.coresPer100k} | ${p.peakRssMb} |`,
    );
  }
  return rows.join('\n');
}

function markdown(r: LoadReport, chartFile: string): string {
  const h = r.headline;
  const total = h.processes
    .filter((p) => p.name !== 'load-probe')
    .reduce((s, p) => s + p.coresPer100k, 0);
  return [
    `# feedgate load report`,
    '',
    `Machine: ${r.machine.cpus} × ${r.machine.model}, Node ${r.machine.node}. ` +
      `${r.options.exchanges.length} exchanges × ${r.options.symbols.length} symbols, ` +
      `${r.options.gatesPerReplica} gate(s) per replica (A and B), ${r.options.clients} gateway clients ` +
      `(trades of every symbol). Warm-up ${r.options.warmupSec} s, then measured.`,
    '',
    'Latency = receipt time − event `ts` (the emulator stamps every event with its emission time). ' +
      '"gw" = gateway WebSocket clients (trades), "unified" = a read_committed consumer of md.unified (every event). ' +
      'Rates are unified events per second over the measured window; "lost" is trades in the emulator ground truth ' +
      'that never reached md.unified.',
    '',
    stepTable(r.steps),
    '',
    ...lossLines(r.steps),
    ...incidentLines(r.steps),
    r.highestPassingRate !== null
      ? `Highest rate meeting p99.9 and max < ${r.options.budgetMs} ms with no loss: **${n(r.highestPassingRate)} events/s**.`
      : `No step met p99.9 and max < ${r.options.budgetMs} ms with no loss.`,
    '',
    '## Where the latency goes (md.unified events, headline step)',
    '',
    '| stage | p50 ms | p99 ms | p99.9 ms | max ms |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...(
      [
        ['exchange → gate (emission → gate receipt)', h.stageLatencyMs.exchangeToGate],
        ['gate → dedup produce (uploader, md.raw, dedup fetch)', h.stageLatencyMs.gateToDedup],
        ['dedup produce → consumer (commit, LSO, fetch)', h.stageLatencyMs.dedupToConsumer],
      ] as const
    ).map(([name, l]) => `| ${name} | ${l.p50} | ${l.p99} | ${l.p999} | ${l.max} |`),
    '',
    `## CPU and memory per process (${n(h.achievedRate)} ev/s step)`,
    '',
    processTable(h),
    '',
    `Whole pipeline (without the probe): ${total.toFixed(2)} cores per 100,000 events/s → ` +
      `${(total * 6).toFixed(1)} cores for 600,000 events/s at this efficiency.`,
    '',
    ...capacitySection(r.capacity),
    '## How the emulator frames events',
    '',
    ...Object.entries(r.framing).map(([e, f]) => `- **${e}**: ${f}`),
    '',
    `![rate and p99 over time](${chartFile})`,
    '',
  ].join('\n');
}

function capacitySection(c: CapacityModel | undefined): string[] {
  if (!c) return [];
  return [
    `## Hardware for 600,000 events/s (fitted over ${c.fittedRates.map(n).join(', ')} ev/s)`,
    '',
    'Per stage, cores used = idle + marginal × rate (least squares over the steps): the idle part',
    'is polling and timers, the marginal part is what more traffic costs.',
    c.includesFailed
      ? '**Fewer than two steps kept up: steps over the budget are fitted and the slopes are too low.**'
      : c.includesSaturated
        ? 'Fewer than two steps left 10 % of the cores idle, so the steps that kept up (latency, ' +
          'throughput) are fitted: stages that grow with the rate got the CPU they needed; ' +
          'elastic ones (below) filled the rest.'
        : 'Only steps that left CPU to spare (< 90 % of the cores, no growing dedup backlog) are fitted.',
    '',
    '| stage | idle cores | marginal cores per 100k ev/s | cores for 600k ev/s | all its cores per 100k at the top rate |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...c.stages.map(
      (s) =>
        `| ${s.role}${s.elastic ? ' (elastic)' : ''} | ${s.idleCores} | ${s.marginalCoresPer100k} | ` +
        `${s.coresFor600k} | ${s.atTopCoresPer100k} |`,
    ),
    `| **total** | | | **${c.coresFor600k}** | |`,
    '',
    ...(c.stages.some((s) => s.elastic)
      ? [
          `Elastic (${c.stages
            .filter((s) => s.elastic)
            .map((s) => s.role)
            .join(', ')}): its CPU did not grow with the rate, because it polls or commits more`,
          'often when it has CPU to spare, so the fit cannot price its traffic. Its cost comes from',
          'its benchmark (dedup: `npm run bench:dedup`, through Kafka; Kafka: `npm run bench:bus`),',
          'and the last column bounds it from above.',
          '',
        ]
      : []),
  ];
}

function n(x: number): string {
  return Math.round(x).toLocaleString('en-US');
}

/** One line per step that lost trades: where (exchange:symbol, count, lost ids vs last sent). */
function lossLines(steps: readonly StepResult[]): string[] {
  const out: string[] = [];
  for (const s of steps) {
    const where = Object.entries(s.lostBy ?? {})
      .sort((a, b) => b[1].lost - a[1].lost)
      .slice(0, 12)
      .map(([k, v]) => `${k} ${v.lost} (ids ${v.firstId}–${v.lastId} of ${v.lastSent} sent)`);
    if (where.length > 0) out.push(`Lost at ${n(s.targetRate)} events/s: ${where.join(', ')}.`, '');
  }
  return out;
}

/** One line per step whose incident counters grew (reconnects, gaps, aborts, frame holes…). */
function incidentLines(steps: readonly StepResult[]): string[] {
  const out: string[] = [];
  for (const s of steps) {
    const grew = Object.entries(s.incidents ?? {}).map(([k, v]) => `${k} +${v}`);
    if (grew.length > 0)
      out.push(
        `Incidents at ${n(s.targetRate)} events/s (window and drain): ${grew.join(', ')}.`,
        '',
      );
  }
  return out;
}
