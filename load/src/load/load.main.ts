// npm run load -- --rate 600000 --duration 60 --exchanges 6 --symbols 50 [--gates 2] [--json]
// npm run load -- --find-max [--steps 5000,10000,20000,…] [--duration 10]
import { join } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { ROOT_DIR } from '../chaos/chaos-child.process';
import { LOAD_EXCHANGES, loadSymbols, type LoadOptions } from './load.options';
import { buildReport, processTable, stepTable, summaryJson, writeReport } from './load.report';
import { LoadRunner } from './load.runner';
import type { StepResult } from './load-result';

const num = (v: string): number => {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected a positive number');
  return n;
};
const countOrList = (v: string): string[] | number => (/^\d+$/.test(v) ? Number(v) : v.split(','));

function parse(argv: string[]): LoadOptions {
  const o = new Command('load')
    .description('feedgate end-to-end load: emulator → gates A/B → Kafka → dedup → gateway')
    .option('--rate <n>', 'target unified events per second', num, 600_000)
    .option('--duration <s>', 'measured seconds (per step with --find-max)', num, 60)
    .option('--warmup <s>', 'seconds after start before measuring', num, 5)
    .option(
      '--exchanges <n|ids>',
      `count (first of ${LOAD_EXCHANGES.join(',')}) or ids`,
      countOrList,
      6,
    )
    .option(
      '--symbols <n|list>',
      'count of synthetic BASE-USDT symbols, or a list',
      countOrList,
      50,
    )
    .option('--gates <n>', 'gate instances per replica (sharded i/N)', num, 1)
    .option('--clients <n>', 'gateway WebSocket clients', num, 2)
    .option('--seed <n>', 'emulator seed', num, 42)
    .option(
      '--budget-ms <n>',
      'latency budget for a pass: p99.9 and max must stay under it',
      num,
      500,
    )
    .option('--find-max', 'step the rate up until the budget fails; report the highest pass')
    .option('--sweep', 'with --find-max: run every step (for the capacity fit), no early stop')
    .option(
      '--steps <list>',
      'find-max rates',
      (v) => v.split(',').map(num),
      [5000, 10_000, 20_000, 40_000, 80_000, 160_000, 320_000, 640_000],
    )
    .option(
      '--refine <n>',
      'find-max: bisection steps between the last pass and the first fail',
      num,
      2,
    )
    .option(
      '--warm-broker <s>',
      'seconds of unmeasured traffic first (a fresh broker JVM spends its first minute compiling)',
      (v) => Number(v),
      -1,
    )
    .option('--report <name>', 'report file name under reports/', 'load')
    .option('--json', 'print the JSON summary line on stdout')
    .parse(argv)
    .opts<Record<string, unknown>>();
  const ex = o.exchanges as string[] | number;
  const sy = o.symbols as string[] | number;
  return {
    rate: o.rate as number,
    durationSec: o.duration as number,
    warmupSec: o.warmup as number,
    exchanges: typeof ex === 'number' ? LOAD_EXCHANGES.slice(0, Math.max(1, ex)) : ex,
    symbols: typeof sy === 'number' ? loadSymbols(Math.max(1, sy)) : sy,
    gatesPerReplica: Math.floor(o.gates as number),
    clients: Math.floor(o.clients as number),
    seed: Math.floor(o.seed as number),
    json: o.json === true,
    findMax: o.findMax === true,
    steps: o.steps as number[],
    reportDir: join(ROOT_DIR, 'reports'),
    reportName: o.report as string,
    budgetMs: o.budgetMs as number,
    refineSteps: Math.floor(o.refine as number),
    sweep: o.sweep === true,
    // Default: 30 s when this run starts its own broker for --find-max, else none.
    warmBrokerSec:
      (o.warmBroker as number) >= 0
        ? (o.warmBroker as number)
        : o.findMax === true && !process.env.KAFKA_BROKERS
          ? 30
          : 0,
  };
}

async function main(): Promise<void> {
  const opts = parse(process.argv);
  const log = (line: string): void => void process.stderr.write(`[load] ${line}\n`);
  const runner = new LoadRunner(opts, log);
  let stopping = false;
  const abort = (): void => {
    if (stopping) process.exit(130);
    stopping = true;
    log('interrupted: stopping the topology');
    void runner.stop().finally(() => process.exit(130));
  };
  process.once('SIGINT', abort);
  process.once('SIGTERM', abort);
  const steps: StepResult[] = [];
  try {
    await runner.start();
    if ((opts.warmBrokerSec ?? 0) > 0) {
      log(
        `warming the broker: ${opts.warmBrokerSec} s at ${opts.steps[0] ?? opts.rate} events/s, not measured`,
      );
      await runner.runStep(opts.findMax ? opts.steps[0] : opts.rate, opts.warmBrokerSec ?? 0, 99);
    }
    const rates = opts.findMax ? [...opts.steps] : [opts.rate];
    let lastPass = 0;
    let refines = 0;
    for (let i = 0; i < rates.length; i++) {
      log(
        `step ${i + 1}/${rates.length}: ${rates[i].toLocaleString('en-US')} events/s for ${opts.durationSec} s`,
      );
      const step = await runner.runStep(rates[i], opts.durationSec, i);
      steps.push(step);
      log(step.pass ? 'pass' : `fail: ${step.failReasons.join('; ')}`);
      if (!opts.findMax || opts.sweep) continue;
      if (step.pass) lastPass = Math.max(lastPass, rates[i]);
      const failed = !step.pass;
      // After the first failure, bisect between the best pass and the lowest fail so the
      // reported maximum is within a quarter of the last step instead of a factor of two.
      if (failed || refines > 0) {
        const lowestFail = Math.min(...steps.filter((s) => !s.pass).map((s) => s.targetRate));
        if (refines >= (opts.refineSteps ?? 0) || lastPass === 0 || lowestFail - lastPass < 1000)
          break;
        refines++;
        rates.splice(i + 1, rates.length, Math.round((lastPass + lowestFail) / 2));
      }
    }
  } finally {
    await runner.stop();
  }
  const report = buildReport(opts, steps);
  const files = writeReport(report, opts.reportDir, opts.reportName);
  if (opts.json) {
    process.stdout.write(`${summaryJson(report)}\n`);
  } else {
    process.stdout.write(`${stepTable(steps)}\n\n${processTable(report.headline)}\n\n`);
    if (opts.findMax) {
      process.stdout.write(
        `highest passing rate: ${report.highestPassingRate ?? 'none'} events/s\n`,
      );
    }
    process.stdout.write(`report: ${files.join(', ')}\n`);
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    process.stderr.write(
      `load failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
    );
    process.exit(1);
  },
);
