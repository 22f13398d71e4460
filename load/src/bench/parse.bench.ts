import { join } from 'node:path';
import { EXCHANGE_DEFINITIONS } from '@feedgate/exchanges';
import { readSampleLines } from '../../../libs/exchanges/src/testing/sample-lines';
import { BenchReport } from './bench-report';
import { BenchTable } from './bench-table';
import { TardisAnchor, type TardisNormalize } from './parse-anchor.tardis';
import { BASELINE_TRADE_MAPPERS } from './parse-baseline.mappers';

/**
 * `npm run bench:parse [-- --json] [-- --seconds 1] [-- --rounds 3] [-- --only binance,okx]`:
 * frames/s per exchange on
 * the recorded sample frames (libs/exchanges/src/<id>/fixtures), replayed, single thread:
 *   feedgate  — trade frames through the generated parser (and every sample frame: `all`)
 *   baseline  — the same trade frames through JSON.parse + hand mapping to exact Decimals
 *   tardis    — the same trade frames through JSON.parse + tardis-dev's trades mapper (anchor)
 * Rates are frames per CPU-second of this process (= per core; robust when other work shares
 * the machine) and the three are measured interleaved in every round, median over rounds.
 * Writes reports/bench-parse.json.
 */
const args = process.argv.slice(2);
const opt = (name: string, dflt: number): number => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) || dflt : dflt;
};
const seconds = opt('--seconds', 1);
const rounds = opt('--rounds', 3);
const onlyAt = args.indexOf('--only');
const only = onlyAt >= 0 ? new Set((args[onlyAt + 1] ?? '').split(',')) : null;
const TARGET_VS_TARDIS = 2;
const TARGET_BINANCE_TRADES = 1_000_000;

type Fn = (frame: string, i: number) => unknown;

/** Frames per CPU-second over ~`ms` of wall time. */
function round(frames: readonly string[], fn: Fn, ms: number): number {
  let n = 0;
  let sink = 0;
  const c0 = process.cpuUsage();
  const end = performance.now() + ms;
  while (performance.now() < end) {
    for (let i = 0; i < 1000; i++) {
      if (fn(frames[n % frames.length], n) !== undefined) sink++;
      n++;
    }
  }
  const c = process.cpuUsage(c0);
  if (sink < 0) process.stdout.write('');
  return n / ((c.user + c.system) / 1e6);
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.floor(s.length / 2)]);
};

/** Real frames arrive as fresh flat strings; fixture lines are slices of a bigger string. */
const flat = (s: string): string => Buffer.from(s, 'utf8').toString('utf8');

interface Row {
  exchange: string;
  feedgateAllFramesPerSec: number;
  feedgateTradeFramesPerSec: number;
  baselineTradeFramesPerSec: number;
  tardisTradeFramesPerSec: number | null;
  vsBaseline: number;
  vsTardis: number | null;
  meetsTardisTarget: boolean | null;
}

function main(): void {
  const tardis = TardisAnchor.load();
  if (!tardis) BenchReport.print('anchor not installed: run load/scripts/install-anchors.sh');
  const rows: Row[] = [];
  for (const [id, def] of EXCHANGE_DEFINITIONS) {
    if (only && !only.has(id)) continue;
    const lines = readSampleLines(
      join(BenchReport.rootDir, 'libs', 'exchanges', 'src', id, 'fixtures', `${id}.samples.jsonl`),
    );
    const all = lines.map((l) => flat(l.rawText));
    const trades = lines
      .filter((l) => (Array.isArray(l.expect) ? l.expect[0] : l.expect)?.type === 'trade')
      .map((l) => flat(l.rawText));
    const parser = def.createParser();
    const baseline = BASELINE_TRADE_MAPPERS[id];
    const anchor: TardisNormalize | null = tardis?.normalizer(id, true) ?? null;
    const fns: Array<[string, readonly string[], Fn]> = [
      ['feedgate', trades, (f, i) => parser.parse(f, i)],
      ['baseline', trades, (f, i) => baseline(f, i)],
      ['feedgateAll', all, (f, i) => parser.parse(f, i)],
    ];
    if (anchor) fns.push(['tardis', trades, (f) => anchor(f)]);
    const rates = new Map<string, number[]>(fns.map(([k]) => [k, []]));
    for (const [, frames, fn] of fns) round(frames, fn, 200); // warm-up
    for (let r = 0; r < rounds; r++)
      for (const [k, frames, fn] of fns) rates.get(k)?.push(round(frames, fn, seconds * 1000));
    const g = median(rates.get('feedgate') ?? []);
    const b = median(rates.get('baseline') ?? []);
    const t = anchor ? median(rates.get('tardis') ?? []) : null;
    rows.push({
      exchange: id,
      feedgateAllFramesPerSec: median(rates.get('feedgateAll') ?? []),
      feedgateTradeFramesPerSec: g,
      baselineTradeFramesPerSec: b,
      tardisTradeFramesPerSec: t,
      vsBaseline: Math.round((g / b) * 100) / 100,
      vsTardis: t ? Math.round((g / t) * 100) / 100 : null,
      meetsTardisTarget: t ? g >= TARGET_VS_TARDIS * t : null,
    });
  }
  const binance = rows.find((r) => r.exchange === 'binance');
  const report = {
    bench: 'parse',
    unit: 'frames per CPU-second (one core), median of rounds',
    machine: BenchReport.machine(),
    seconds,
    rounds,
    tardisAnchor: tardis ? `tardis-dev@${tardis.version}` : 'not installed',
    targets: {
      vsTardis: TARGET_VS_TARDIS,
      binanceTradeFramesPerSec: TARGET_BINANCE_TRADES,
      binanceMet: (binance?.feedgateTradeFramesPerSec ?? 0) >= TARGET_BINANCE_TRADES,
    },
    rows,
  };
  const file = BenchReport.writeJson('parse', report);
  const table = new BenchTable([
    { header: 'exchange' },
    { header: 'feedgate/trade' },
    { header: 'baseline/trade' },
    { header: 'tardis/trade' },
    { header: 'vs baseline', align: 'right' },
    { header: `vs tardis (≥${TARGET_VS_TARDIS}x)`, align: 'right' },
    { header: 'feedgate/all' },
  ]);
  for (const r of rows)
    table.add([
      r.exchange,
      r.feedgateTradeFramesPerSec,
      r.baselineTradeFramesPerSec,
      r.tardisTradeFramesPerSec ?? 'n/a',
      `${r.vsBaseline.toFixed(2)}x`,
      r.vsTardis === null
        ? 'n/a'
        : `${r.vsTardis.toFixed(2)}x ${r.meetsTardisTarget ? 'ok' : 'MISS'}`,
      r.feedgateAllFramesPerSec,
    ]);
  BenchReport.print(`parse bench — ${report.unit}; anchor: ${report.tardisAnchor}`);
  BenchReport.print(table.render());
  BenchReport.print(
    `binance trades: ${binance?.feedgateTradeFramesPerSec.toLocaleString('en-US')} frames/s per core ` +
      `(target ${TARGET_BINANCE_TRADES.toLocaleString('en-US')}: ${report.targets.binanceMet ? 'met' : 'MISSED'}); ` +
      `load avg ${report.machine.loadAvg1m} on ${report.machine.cpuCount} cpus; wrote ${file}`,
  );
  if (BenchReport.wantsJson(args)) BenchReport.print(JSON.stringify(report));
}

main();
