import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXCHANGE_DEFINITIONS, type ExchangeParser } from '@feedgate/exchanges';
import { readSampleLines } from '../../../libs/exchanges/src/testing/sample-lines';
import { BASELINE_TRADE_MAPPERS } from './parse-baseline.mappers';

/**
 * `npm run bench:parse [-- --json] [-- --seconds 1]`: frames/s per exchange on the recorded
 * sample frames (libs/exchanges/src/<id>/fixtures), replayed many times, single thread:
 *   generated all    — every sample frame (trades, books, bbo, controls) through the generated parser
 *   generated trades — trade frames only, generated parser
 *   baseline trades  — the same trade frames through JSON.parse + hand mapping
 * Writes reports/bench-parse.json. The tardis-dev anchor is not installed (see report).
 */
const ROOT = join(__dirname, '..', '..', '..');
const args = process.argv.slice(2);
const asJson = args.includes('--json');
const seconds = Number(args[args.indexOf('--seconds') + 1]) || 1;

interface Row {
  exchange: string;
  generatedAllFramesPerSec: number;
  generatedTradeFramesPerSec: number;
  baselineTradeFramesPerSec: number;
  speedupTrades: number;
}

/** Best of three timed rounds after a warm-up; returns frames per second. */
function measure(frames: readonly string[], fn: (frame: string, i: number) => unknown): number {
  let sink = 0;
  const round = (ms: number): number => {
    let n = 0;
    const end = performance.now() + ms;
    const t0 = performance.now();
    while (performance.now() < end) {
      for (let i = 0; i < 1000; i++) {
        if (fn(frames[n % frames.length], n) !== undefined) sink++;
        n++;
      }
    }
    return n / ((performance.now() - t0) / 1000);
  };
  round(200);
  const best = Math.max(
    round((seconds * 1000) / 3),
    round((seconds * 1000) / 3),
    round((seconds * 1000) / 3),
  );
  if (sink < 0) process.stdout.write('');
  return Math.round(best);
}

function main(): void {
  const rows: Row[] = [];
  for (const [id, def] of EXCHANGE_DEFINITIONS) {
    const lines = readSampleLines(
      join(ROOT, 'libs', 'exchanges', 'src', id, 'fixtures', `${id}.samples.jsonl`),
    );
    const all = lines.map((l) => l.rawText);
    const trades = lines
      .filter((l) => (Array.isArray(l.expect) ? l.expect[0] : l.expect)?.type === 'trade')
      .map((l) => l.rawText);
    const parser: ExchangeParser = def.createParser();
    const baseline = BASELINE_TRADE_MAPPERS[id];
    const gTrades = measure(trades, (f, i) => parser.parse(f, i));
    const bTrades = measure(trades, (f, i) => baseline(f, i));
    rows.push({
      exchange: id,
      generatedAllFramesPerSec: measure(all, (f, i) => parser.parse(f, i)),
      generatedTradeFramesPerSec: gTrades,
      baselineTradeFramesPerSec: bTrades,
      speedupTrades: Math.round((gTrades / bTrades) * 100) / 100,
    });
  }
  const report = {
    bench: 'parse',
    node: process.version,
    seconds,
    tardisAnchor: 'not installed',
    rows,
  };
  mkdirSync(join(ROOT, 'reports'), { recursive: true });
  writeFileSync(join(ROOT, 'reports', 'bench-parse.json'), JSON.stringify(report, null, 2) + '\n');
  const fmt = (n: number): string => n.toLocaleString('en-US').padStart(12);
  process.stdout.write(
    'exchange          generated/all  generated/trade  baseline/trade  speedup\n',
  );
  for (const r of rows) {
    process.stdout.write(
      `${r.exchange.padEnd(16)} ${fmt(r.generatedAllFramesPerSec)}  ${fmt(r.generatedTradeFramesPerSec)}    ${fmt(r.baselineTradeFramesPerSec)}   ${r.speedupTrades}x\n`,
    );
  }
  if (asJson) process.stdout.write(JSON.stringify(report) + '\n');
}

main();
