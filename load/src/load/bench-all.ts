// npm run bench: every micro-benchmark (quick modes where they exist) + a 20 s load run, then
// ONE table comparing each figure with its target (read from reports/*.json).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT_DIR } from '../chaos/chaos-child.process';
import {
  busLines,
  codecLines,
  dedupLines,
  gatewayLines,
  loadLines,
  parseLines,
  renderTable,
  type BenchLine,
} from './bench-summary';

const full = process.argv.includes('--full');
const loadRate = process.argv.includes('--load-rate')
  ? process.argv[process.argv.indexOf('--load-rate') + 1]
  : '600000';

const RUNS: { name: string; args: string[]; lines: (r: unknown) => BenchLine[] }[] = [
  {
    name: 'codec',
    args: ['bench:codec', '--', '--json', ...(full ? [] : ['--quick'])],
    lines: codecLines,
  },
  { name: 'parse', args: ['bench:parse', '--', '--json', '--rounds', '3'], lines: parseLines },
  {
    name: 'dedup',
    args: ['bench:dedup', '--', '--json', ...(full ? [] : ['--quick'])],
    lines: dedupLines,
  },
  {
    name: 'bus',
    args: ['bench:bus', '--', '--json', ...(full ? [] : ['--duration', '8'])],
    lines: busLines,
  },
  {
    name: 'gateway',
    args: ['bench:gateway', '--', '--json', ...(full ? [] : ['--quick'])],
    lines: gatewayLines,
  },
  {
    name: 'load',
    args: [
      'load',
      '--',
      '--rate',
      loadRate,
      '--duration',
      '20',
      '--exchanges',
      '6',
      '--symbols',
      '50',
      '--json',
    ],
    lines: loadLines,
  },
];

function run(args: string[]): Promise<number> {
  return new Promise((resolve) => {
    process.stderr.write(`\n[bench] npm run ${args.join(' ')}\n`);
    // Child output goes to our stderr: stdout carries only the summary table.
    const child = spawn('npm', ['run', '-s', ...args], { cwd: ROOT_DIR, stdio: ['ignore', 2, 2] });
    child.once('exit', (code) => resolve(code ?? 1));
  });
}

async function main(): Promise<void> {
  const lines: BenchLine[] = [];
  for (const r of RUNS) {
    const code = await run(r.args);
    let report: unknown;
    try {
      report = JSON.parse(
        readFileSync(
          join(ROOT_DIR, 'reports', `${r.name === 'load' ? 'load' : `bench-${r.name}`}.json`),
          'utf8',
        ),
      );
    } catch {
      report = undefined;
    }
    if (code !== 0) process.stderr.write(`[bench] ${r.name} exited ${code}\n`);
    lines.push(...r.lines(report));
  }
  process.stdout.write(`\n${renderTable(lines)}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`bench failed: ${String(e)}\n`);
  process.exit(1);
});
