// npm run chaos -- [--json] [--duration S] [--exchanges a,b] [--symbols X-Y,…] [--rate N]
import { Command, InvalidArgumentError } from 'commander';
import { DEFAULT_CHAOS } from './chaos.options';
import { runChaos } from './chaos.runner';

const int = (v: string): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('not a non-negative integer');
  return n;
};
const list = (v: string): string[] =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

async function main(): Promise<void> {
  const program = new Command('chaos')
    .option('--json', 'print only the JSON result on stdout')
    .option('--duration <s>', 'chaos phase, seconds', int, DEFAULT_CHAOS.durationSec)
    .option('--exchanges <list>', 'exchanges', list, [...DEFAULT_CHAOS.exchanges])
    .option('--symbols <list>', 'symbols', list, [...DEFAULT_CHAOS.symbols])
    .option('--rate <n>', 'market steps per second per symbol', int, DEFAULT_CHAOS.rate)
    .option('--seed <n>', 'market and fault-plan seed', int, DEFAULT_CHAOS.seed)
    .option('--gate-kills <n>', 'SIGKILLs of gate A', int, DEFAULT_CHAOS.gateKills)
    .parse(process.argv);
  const opts = program.opts<{
    json?: boolean;
    duration: number;
    exchanges: string[];
    symbols: string[];
    rate: number;
    seed: number;
    gateKills: number;
  }>();
  const log = (line: string): void => void process.stderr.write(`${line}\n`);
  const outcome = await runChaos({
    ...DEFAULT_CHAOS,
    durationSec: opts.duration,
    exchanges: opts.exchanges,
    symbols: opts.symbols,
    rate: opts.rate,
    seed: opts.seed,
    gateKills: opts.gateKills,
    log,
  });
  const { result, detail, counts } = outcome;
  const rows: [string, string | number][] = [
    ['expected trades', result.expected],
    ['delivered', result.delivered],
    ['lost', result.lost],
    [
      'duplicates',
      `${result.duplicates} (trades ${detail.tradeDuplicates}, book ${detail.bookDuplicates})`,
    ],
    ['unexpected ids', detail.unexpected],
    ['gap events', result.gapEvents],
    ['gate A kills', counts.gateKills],
    ['dedup kills', counts.dedupKills],
    ['broker restarts', counts.brokerRestarts],
    ['replica faults', `${counts.faults} (skipped ${counts.faultsSkipped})`],
    ['chaos phase, s', result.durationSec],
  ];
  const table = rows.map(([k, v]) => `${k.padEnd(18)} ${v}`).join('\n');
  log(table);
  if (Object.keys(detail.lostByKey).length) log(`lost: ${JSON.stringify(detail.lostByKey)}`);
  if (detail.gaps.length) log(`gaps: ${JSON.stringify(detail.gaps.slice(0, 20))}`);
  log(`logs: ${outcome.logDir}`);
  process.stdout.write(opts.json ? `${JSON.stringify(result)}\n` : `${table}\n`);
  process.exitCode = result.lost > 0 || result.duplicates > 0 ? 1 : 0;
}

main().catch((e: unknown) => {
  process.stderr.write(
    `chaos failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
  );
  process.exitCode = 2;
});
