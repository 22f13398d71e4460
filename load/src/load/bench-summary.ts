/** One line of the `npm run bench` summary: a measured figure against its target. */
export interface BenchLine {
  readonly bench: string;
  readonly figure: string;
  readonly value: string;
  readonly target: string;
  /** undefined: not measured (the report is missing or lacks the field). */
  readonly pass: boolean | undefined;
}

type Json = Record<string, unknown>;

const get = (o: unknown, path: string): unknown =>
  path
    .split('.')
    .reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Json)[k] : undefined), o);
const num = (o: unknown, path: string): number | undefined => {
  const v = get(o, path);
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
};
const f = (v: number | undefined, digits = 2): string =>
  v === undefined
    ? 'n/a'
    : v >= 1000
      ? Math.round(v).toLocaleString('en-US')
      : String(+v.toFixed(digits));

function line(
  bench: string,
  figure: string,
  value: number | undefined,
  target: string,
  ok: (v: number) => boolean,
  unit = '',
): BenchLine {
  return {
    bench,
    figure,
    value: value === undefined ? 'n/a' : `${f(value)}${unit}`,
    target,
    pass: value === undefined ? undefined : ok(value),
  };
}

/** Codec: feedgate vs JSON, from reports/bench-codec.json `results[]`. */
export function codecLines(r: unknown): BenchLine[] {
  const rows = (get(r, 'results') as Json[] | undefined) ?? [];
  const fg = rows.find((x) => x.name === 'feedgate');
  const js = rows.find((x) => x.name === 'json');
  const ratio = (a: string, b: string): number | undefined => {
    const x = num(fg, a);
    const y = num(js, b);
    return x !== undefined && y ? x / y : undefined;
  };
  return [
    line(
      'codec',
      'decode vs JSON',
      ratio('decodePerSec', 'decodePerSec'),
      '≥ 3×',
      (v) => v >= 3,
      '×',
    ),
    line(
      'codec',
      'encode vs JSON',
      ratio('encodePerSec', 'encodePerSec'),
      '≥ 2×',
      (v) => v >= 2,
      '×',
    ),
    line(
      'codec',
      'bytes vs JSON',
      ratio('bytesPerEvent', 'bytesPerEvent'),
      '≤ 50%',
      (v) => v <= 0.5,
    ),
  ];
}

export function busLines(r: unknown): BenchLine[] {
  return [
    line(
      'bus',
      'events/s consumed',
      num(r, 'result.consumedEventsPerSec'),
      '≥ 1,000,000',
      (v) => v >= 1e6,
    ),
    line('bus', 'p99 latency', num(r, 'result.latencyMs.p99'), '< 50 ms', (v) => v < 50, ' ms'),
  ];
}

/** Parse: the weakest exchange's ratio to tardis, and binance trade frames/s. */
export function parseLines(r: unknown): BenchLine[] {
  const rows = (get(r, 'rows') as Json[] | undefined) ?? [];
  const ratios = rows.map((x) => num(x, 'vsTardis')).filter((v): v is number => v !== undefined);
  const binance = rows.find((x) => x.exchange === 'binance');
  return [
    line(
      'parse',
      'vs tardis (worst exchange)',
      ratios.length ? Math.min(...ratios) : undefined,
      '≥ 2×',
      (v) => v >= 2,
      '×',
    ),
    line(
      'parse',
      'binance trades/s',
      num(binance, 'feedgateTradeFramesPerSec'),
      '≥ 1,000,000',
      (v) => v >= 1e6,
    ),
  ];
}

export function dedupLines(r: unknown): BenchLine[] {
  const rows = (get(r, 'results') as Json[] | undefined) ?? [];
  const best = Math.max(...rows.map((x) => num(x, 'eventsPerSec') ?? 0));
  return [line('dedup', 'events/s', best > 0 ? best : undefined, '≥ 3,000,000', (v) => v >= 3e6)];
}

export function gatewayLines(r: unknown): BenchLine[] {
  const slope = num(r, 'memory.slopeMbPerMin');
  const maxSlope = num(r, 'targets.flatMemorySlopeMaxMbPerMin') ?? 1;
  return [
    line('gateway', 'p99 latency', num(r, 'latencyMs.p99'), '< 100 ms', (v) => v < 100, ' ms'),
    line(
      'gateway',
      'heap slope',
      slope,
      `|slope| ≤ ${maxSlope} MB/min`,
      (v) => Math.abs(v) <= maxSlope,
      ' MB/min',
    ),
  ];
}

export function loadLines(r: unknown): BenchLine[] {
  const target = num(r, 'headline.targetRate');
  const achieved = num(r, 'headline.achievedRate');
  const p999 = num(r, 'headline.latencyMs.p999');
  const lost = num(r, 'headline.lost');
  const dup = num(r, 'headline.duplicates');
  return [
    line('load', `achieved (target ${f(target)})`, achieved, '≥ 600,000 ev/s', (v) => v >= 600_000),
    line('load', 'p99.9 emission → gateway', p999, '< 500 ms', (v) => v < 500, ' ms'),
    line(
      'load',
      'lost + duplicates',
      lost === undefined || dup === undefined ? undefined : lost + dup,
      '0',
      (v) => v === 0,
    ),
  ];
}

export function renderTable(lines: readonly BenchLine[]): string {
  const head = ['bench', 'figure', 'measured', 'target', 'ok'];
  const rows = lines.map((l) => [
    l.bench,
    l.figure,
    l.value,
    l.target,
    l.pass === undefined ? '?' : l.pass ? 'PASS' : 'FAIL',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const fmt = (r: string[]): string => r.map((c, i) => c.padEnd(widths[i])).join('  ');
  return [fmt(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(fmt)].join('\n');
}
