import { Decimal, type BookLevel, type UnifiedEvent } from '@feedgate/core';
import type { ParseResult } from '../exchange-parser';
import type { SampleLine } from './sample-lines';

/** Expect types outside the unified model: the parsers return no events for them. */
const EXTENSION_TYPES = new Set(['kline', 'markPrice', 'liquidation']);

type Expect = Record<string, unknown>;

/**
 * Compares a parse result with a sample line's `expect`, following the samples README:
 * renamed fields (tradeId→id, isSnapshot→snapshot, sequence→seq, exchangeTime→ts truncated
 * to ms), decimals compared by value, absent expect fields not compared. Returns the list of
 * mismatches (empty = pass) so a failing test says exactly what differs.
 */
export function sampleMismatches(line: SampleLine, result: ParseResult): string[] {
  const expects = (Array.isArray(line.expect) ? line.expect : [line.expect]) as Expect[];
  const out: string[] = [];
  if (expects.length === 1 && expects[0].type === 'control') {
    if (result.kind !== 'control') out.push(`expected a control result, got ${describe(result)}`);
    return out;
  }
  if (result.kind !== 'events') return [`expected events, got ${describe(result)}`];
  if (expects.every((e) => EXTENSION_TYPES.has(String(e.type)))) {
    if (result.events.length !== 0)
      out.push(`extension type: expected no events, got ${result.events.length}`);
    return out;
  }
  if (result.events.length !== expects.length) {
    return [`expected ${expects.length} events, got ${result.events.length}`];
  }
  const precise = line.exchangeTimePrecise;
  expects.forEach((e, i) => {
    const ev = result.events[i];
    const p = (msg: string): void => void out.push(`event ${i}: ${msg}`);
    const rec = ev as unknown as Record<string, unknown>;
    if (ev.type !== e.type) p(`type ${ev.type} != ${String(e.type)}`);
    for (const [k, ours] of [
      ['symbol', 'symbol'],
      ['nativeSymbol', 'nativeSymbol'],
      ['tradeId', 'id'],
      ['side', 'side'],
      ['isSnapshot', 'snapshot'],
      ['sequence', 'seq'],
    ] as const) {
      if (k in e && rec[ours] !== e[k])
        p(`${ours} ${JSON.stringify(rec[ours])} != ${JSON.stringify(e[k])}`);
    }
    for (const k of ['price', 'amount', 'bidPrice', 'bidAmount', 'askPrice', 'askAmount']) {
      if (k in e && !sameDecimal(rec[k], String(e[k])))
        p(`${k} ${String(rec[k])} != ${String(e[k])}`);
    }
    for (const k of ['bids', 'asks']) {
      if (k in e) {
        const m = levelMismatch(rec[k] as readonly BookLevel[], e[k] as [string, string][]);
        if (m) p(`${k}: ${m}`);
      }
    }
    if ('exchangeTime' in e && Math.floor(ev.ts) !== Date.parse(String(e.exchangeTime))) {
      p(`ts ${ev.ts} != ${String(e.exchangeTime)}`);
    }
    const pr = Array.isArray(precise) ? precise[i] : precise;
    if (typeof pr === 'string') {
      const micros = /\.\d{3}(\d+)Z$/.exec(pr)?.[1] ?? '';
      const want = Date.parse(pr) + Number('0.' + (micros || '0'));
      if (Math.abs(ev.ts - want) > 0.001) p(`sub-ms ts ${ev.ts} != ${pr}`);
    }
  });
  return out;
}

function describe(r: ParseResult): string {
  if (r.kind === 'error') return `error ${r.error.message}`;
  if (r.kind === 'control') return `control ${r.control}`;
  return `${r.events.length} events (${r.events.map((e: UnifiedEvent) => e.type).join(',')})`;
}

function sameDecimal(v: unknown, text: string): boolean {
  return v instanceof Decimal && v.eq(Decimal.parse(text));
}

function levelMismatch(
  ours: readonly BookLevel[],
  want: readonly [string, string][],
): string | null {
  if (!Array.isArray(ours)) return 'not an array';
  if (ours.length !== want.length) return `length ${ours.length} != ${want.length}`;
  for (let i = 0; i < want.length; i++) {
    if (!sameDecimal(ours[i][0], want[i][0]) || !sameDecimal(ours[i][1], want[i][1])) {
      return `level ${i} [${ours[i].join(',')}] != [${want[i].join(',')}]`;
    }
  }
  return null;
}
