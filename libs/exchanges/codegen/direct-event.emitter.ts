import type { BboMap, TradeMap } from '../src/spec/exchange-spec';

const q = (s: string): string => JSON.stringify(s);

/** Variables holding one captured value's span [a, e) in the generated code. */
export interface Span {
  readonly a: string;
  readonly e: string;
}

/**
 * The unified event of a direct path, read from captured value spans with the direct-scan
 * helpers: the same fields, order and values as the general path's builder (ParserEmitter).
 */
export class DirectEventEmitter {
  constructor(
    private readonly spec: { readonly id: string },
    /** Shared counter for unique local names in one generated file. */
    private readonly n: { next: number },
  ) {}

  /** The event from captured spans; null when a required field is not in the layout. */
  event(
    map: TradeMap | BboMap,
    vars: ReadonlyMap<string, Span>,
    msgVars: ReadonlyMap<string, Span>,
  ): { stmts: string[]; expr: string } | null {
    const get = (f: string): Span | undefined => (f.startsWith('$.') ? msgVars : vars).get(f);
    const need = [
      map.symbol,
      ...(map.kind === 'trade'
        ? [map.id, map.price, map.amount, map.side.field, map.ts.field]
        : [map.bidPrice, map.askPrice]),
    ];
    if (need.some((f) => !get(f))) return null;
    const at = (f: string): string => {
      const v = get(f) as Span;
      return `t, ${v.a}, ${v.e}`;
    };
    const sym = `nativeSymbol${this.n.next++}`;
    const stmts = [`const ${sym} = this.nativeAt(${at(map.symbol)});`];
    const base = `exchange: ${q(this.spec.id)}, symbol: this.sym(${sym}), nativeSymbol: ${sym}`;
    if (map.kind === 'trade') {
      const sv = get(map.side.field) as Span;
      const is = (vals: readonly string[]): string =>
        vals.map((v) => spanIs(sv, v)).join(' || ') || 'false';
      const side = `${is(map.side.buy)} ? 'buy' : ${is(map.side.sell)} ? 'sell' : 'unknown'`;
      return {
        stmts,
        expr: `{ type: 'trade', ${base}, ts: byteTs(${at(map.ts.field)}, ${q(map.ts.unit)}), localTs, id: byteText(${at(map.id)}), price: byteDecimal(${at(map.price)}), amount: byteDecimal(${at(map.amount)}), side: ${side} } satisfies TradeEvent`,
      };
    }
    const amt = (f?: string): string =>
      f && get(f)
        ? `byteOptDecimal(${at(f)}, GeneratedParserBase.ZERO)`
        : 'GeneratedParserBase.ZERO';
    const ts =
      map.ts && get(map.ts.field) ? `byteTs(${at(map.ts.field)}, ${q(map.ts.unit)})` : 'localTs';
    return {
      stmts,
      expr: `{ type: 'bbo', ${base}, ts: ${ts}, localTs, bidPrice: byteDecimal(${at(map.bidPrice)}), bidAmount: ${amt(map.bidAmount)}, askPrice: byteDecimal(${at(map.askPrice)}), askAmount: ${amt(map.askAmount)} } satisfies BboEvent`,
    };
  }
}

/**
 * JsonScanner.tokenIs in place: the value is `lit` as a bare token or as a string, compared byte
 * by byte (a string span includes its quotes).
 */
function spanIs(v: Span, lit: string): string {
  const eq = (from: number): string =>
    [...lit].map((ch, i) => `B[${v.a} + ${from + i}] === ${ch.charCodeAt(0)}`).join(' && ') ||
    'true';
  const bare = `(${v.e} - ${v.a} === ${lit.length} && ${eq(0)})`;
  const quoted = `(${v.e} - ${v.a} === ${lit.length + 2} && B[${v.a}] === 34 && ${eq(1)})`;
  return `(${bare} || ${quoted})`;
}
