import type {
  BboMap,
  BookMap,
  ExchangeSpec,
  MatchCondition,
  TradeMap,
} from '../src/spec/exchange-spec';

const q = (s: string): string => JSON.stringify(s);

/**
 * The general path's event builders: one unified event from the remembered value positions
 * (`pos(path)` is the code of a position), read with the scanner's exact readers.
 */
export class EventBuildEmitter {
  constructor(
    private readonly spec: ExchangeSpec,
    /** Checksum verifiers the generated file must import (filled while building). */
    private readonly checksumImports: Set<string>,
  ) {}

  build(
    map: TradeMap | BookMap | BboMap,
    pos: (path: string) => string,
    cond: (c: MatchCondition) => string,
  ): { stmts: string[]; expr: string } {
    const stmts = [`const nativeSymbol = s.scalarAt(${pos(map.symbol)}, ${q(map.symbol)});`];
    const base = `exchange: ${q(this.spec.id)}, symbol: this.sym(nativeSymbol), nativeSymbol`;
    const dec = (f: string): string => `s.decimalAt(${pos(f)}, ${q(f)})`;
    const optTs = (t: BookMap['ts']): string =>
      t
        ? `(${pos(t.field)} >= 0 ? s.tsAt(${pos(t.field)}, ${q(t.field)}, ${q(t.unit)}) : localTs)`
        : 'localTs';
    if (map.kind === 'trade') {
      const f = map.side.field;
      const is = (vals: readonly string[]): string =>
        vals.map((v) => `s.tokenIs(sv, ${q(v)})`).join(' || ') || 'false';
      // Compared in place; only an unlisted value is read as text (which also validates it).
      stmts.push(
        `const sv = s.need(${pos(f)}, ${q(f)});`,
        `const side: TakerSide = ${is(map.side.buy)} ? 'buy' : ${is(map.side.sell)} ? 'sell' : (s.scalarAt(sv, ${q(f)}), 'unknown');`,
      );
      const ts = `s.tsAt(${pos(map.ts.field)}, ${q(map.ts.field)}, ${q(map.ts.unit)})`;
      const id = `s.scalarAt(${pos(map.id)}, ${q(map.id)})`;
      return {
        stmts,
        expr: `{ type: 'trade', ${base}, ts: ${ts}, localTs, id: ${id}, price: ${dec(map.price)}, amount: ${dec(map.amount)}, side } satisfies TradeEvent`,
      };
    }
    if (map.kind === 'bbo') {
      const amt = (f?: string): string =>
        f ? `s.optDecimalAt(${pos(f)}, GeneratedParserBase.ZERO)` : 'GeneratedParserBase.ZERO';
      return {
        stmts,
        expr: `{ type: 'bbo', ${base}, ts: ${optTs(map.ts)}, localTs, bidPrice: ${dec(map.bidPrice)}, bidAmount: ${amt(map.bidAmount)}, askPrice: ${dec(map.askPrice)}, askAmount: ${amt(map.askAmount)} } satisfies BboEvent`,
      };
    }
    const lv = (r: BookMap['bids']): string =>
      !r
        ? '[]'
        : typeof r.price === 'number'
          ? `s.levelsAt(${pos(r.field)}, ${q(r.field)}, ${r.price}, ${Number(r.amount)})`
          : `s.objectLevelsAt(${pos(r.field)}, ${q(r.field)}, ${q(r.price)}, ${q(String(r.amount))})`;
    if (map.sidedLevels) {
      const x = map.sidedLevels;
      stmts.push('const bids: BookLevel[] = [];', 'const asks: BookLevel[] = [];');
      stmts.push(
        `s.sidedLevelsAt(${pos(x.field)}, ${q(x.field)}, { side: ${x.side}, price: ${x.price}, amount: ${x.amount}, bid: ${q(x.bid)}, ask: ${q(x.ask)} }, bids, asks);`,
      );
    } else stmts.push(`const bids = ${lv(map.bids)};`, `const asks = ${lv(map.asks)};`);
    const snap = typeof map.snapshot === 'boolean' ? String(map.snapshot) : cond(map.snapshot);
    stmts.push(`const snapshot = ${snap};`);
    const opt = (f?: string): string => (f ? `s.optScalarAt(${pos(f)})` : 'null');
    const fields = [
      `type: 'book'`,
      base,
      `ts: ${optTs(map.ts)}`,
      'localTs',
      'snapshot',
      'bids',
      'asks',
      `seq: ${opt(map.seq)}`,
    ];
    if (map.prevSeq) fields.push(`prevSeq: ${opt(map.prevSeq)}`);
    else if (map.prevSeqFromFirst) {
      stmts.push(`const first = ${opt(map.prevSeqFromFirst)};`);
      fields.push('prevSeq: first === null ? null : (BigInt(first) - 1n).toString()');
    }
    if (!map.checksum?.verify)
      return { stmts, expr: `{ ${fields.join(', ')} } satisfies BookEvent` };
    this.checksumImports.add(map.checksum.verify);
    stmts.push(
      `const ev: BookEvent = { ${fields.join(', ')} };`,
      `const checksum = ${opt(map.checksum.field)};`,
    );
    // Only a snapshot as delivered can be checked here; deltas need the maintained book (connector).
    return {
      stmts,
      expr: `snapshot && checksum !== null && !${map.checksum.verify}(bids, asks, checksum) ? { ...ev, checksumValid: false } : ev`,
    };
  }
}
