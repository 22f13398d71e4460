import type {
  BboMap,
  ExchangeSpec,
  MatchCondition,
  RouteSpec,
  TradeMap,
} from '../src/spec/exchange-spec';
import {
  decideAll,
  fixedValues,
  layoutPaths,
  parseLayout,
  topKeys,
  type LayoutKey,
  mapFields,
  norm,
  valueChoices,
} from './layout';
import { DirectEventEmitter, type Span } from './direct-event.emitter';

const q = (s: string): string => JSON.stringify(s);

/** Generated code of the direct paths: the entry statements for parseText and the methods. */
export interface DirectPaths {
  readonly entry: string[];
  readonly methods: string[];
}

/**
 * The fastest path of a generated parser. For every (usual layout, trade/bbo route) pair whose
 * route is decided by the layout alone (its discriminator value becomes part of a literal, and
 * every control and earlier route is provably false for that shape), it emits one method that
 * walks the frame in exactly that order: `startsWith` of each literal run between values,
 * native `indexOf` to the end of a string, a token loop for a number, the position in a local.
 * Values are read from their spans straight into the event. The first difference returns
 * `undefined` and the frame takes the general key-by-key path, so a frame parses the same
 * either way — the layouts are a performance hint, never behaviour.
 */
export class DirectPathEmitter {
  private readonly methods: string[] = [];
  private readonly calls: string[] = [];
  private out: string[] = [];
  private pending = '';
  private readonly n = { next: 0 };
  private readonly events: DirectEventEmitter;

  constructor(private readonly spec: ExchangeSpec) {
    this.events = new DirectEventEmitter(spec, this.n);
  }

  emit(): DirectPaths {
    const p = this.spec.parser;
    const env = p.envelope;
    const envLayout = env ? `${env.when},${env.field}` : '';
    const layouts = (p.layouts ?? []).filter((l) => topKeys(l) !== envLayout).map(parseLayout);
    p.routes.forEach((r, i) => {
      if (r.map.kind !== 'trade' && r.map.kind !== 'bbo') return;
      const earlier = [
        ...p.controls.map((c) => c.when),
        ...p.routes.slice(0, i).map((x) => x.when),
      ];
      for (const layout of layouts)
        for (const equals of valueChoices(r.when, fixedValues(layout))) {
          const items = r.map.items;
          const itemLayouts = items ? (items.layouts ?? []).map(parseLayout) : [undefined];
          for (const itemLayout of itemLayouts)
            this.tryCombo(r, layout, equals, earlier, itemLayout);
        }
    });
    if (this.calls.length === 0) return { entry: [], methods: [] };
    const envelope =
      env && (p.layouts ?? []).some((l) => topKeys(l) === envLayout)
        ? [
            `if (${charsAt(`{"${env.when}":"`, 100)}) {`,
            `p = t.indexOf('"', ${env.when.length + 5}) + 1;`,
            `if (p === 0 || !(${charsAt(`,"${env.field}":`, 100)}) || t.charCodeAt(end - 1) !== 125) return undefined;`,
            `p += ${env.field.length + 4};`,
            'end--;',
            '}',
          ]
        : [];
    this.methods.unshift(
      [
        '/** The usual layouts, walked directly; undefined = take the general path. */',
        'private direct(t: string, localTs: number): ParseResult | undefined {',
        `let p = 0;`,
        `let end = t.length;`,
        ...envelope,
        `return ${this.calls.map((c) => `this.${c}(t, p, end, localTs)`).join(' ?? ')};`,
        '}',
      ].join('\n'),
    );
    return {
      entry: [
        // A frame without a backslash (nearly all) has no escapes: a string ends at the next quote.
        `if (text.indexOf('\\\\') < 0) { const d = this.direct(text, localTs); if (d !== undefined) return d; }`,
      ],
      methods: this.methods,
    };
  }

  private tryCombo(
    r: RouteSpec,
    layout: readonly LayoutKey[],
    equals: ReadonlyMap<string, string>,
    earlier: ReadonlyArray<readonly MatchCondition[]>,
    itemLayout: readonly LayoutKey[] | undefined,
  ): void {
    const map = r.map as TradeMap | BboMap;
    const prefix = new Map<string, string>();
    for (const c of r.when) if (c.prefix !== undefined) prefix.set(norm(c.field), c.prefix);
    const shape = { paths: new Set(layoutPaths(layout)), equals, prefix };
    if (decideAll(r.when, shape) !== true) return;
    if (earlier.some((cs) => decideAll(cs, shape) !== false)) return;
    if (map.items && (!itemLayout || !map.items.array)) return;
    const fields = mapFields(map);
    const msgVars = new Map<string, Span>();
    const itemVars = new Map<string, Span>();
    this.out = [];
    this.pending = '';
    const ctx: WalkCtx = { equals, prefix, fields, msgVars, itemVars, map, itemLayout, ok: true };
    this.walk(layout, '', ctx, false);
    if (!ctx.ok) return;
    const body = this.out;
    const last = this.pending;
    const name = `direct${this.calls.length}`;
    const head = [
      `/** ${r.name}, layout ${layout.map((k) => k.key).join(',')}${[...equals.values()].map((v) => ` (${v})`).join('')} */`,
      `private ${name}(t: string, p: number, end: number, localTs: number): ParseResult | undefined {`,
    ];
    const close = [`if (p + ${last.length} !== end || !(${charsAt(last)})) return undefined;`];
    let tail: string[];
    if (map.items) tail = [...close, `return { kind: 'events', events };`];
    else {
      const ev = this.events.event(map, msgVars, msgVars);
      if (!ev) return;
      tail = [...close, ...ev.stmts, `return { kind: 'events', events: [${ev.expr}] };`];
    }
    this.calls.push(name);
    this.methods.push([...head, ...body, ...tail, '}'].join('\n'));
  }

  private flush(): void {
    if (!this.pending) return;
    const lit = this.pending;
    this.out.push(`if (!(${charsAt(lit)})) return undefined;`, `p += ${lit.length};`);
    this.pending = '';
  }

  /** Emits the walk of one object in `keys` order; `inItem`: paths are relative to the item. */
  private walk(keys: readonly LayoutKey[], base: string, ctx: WalkCtx, inItem: boolean): void {
    this.pending += '{';
    keys.forEach((k, i) => {
      this.pending += `${i ? ',' : ''}${q(k.key)}:`;
      const path = base + k.key;
      const vars = inItem ? ctx.itemVars : ctx.msgVars;
      const wanted = inItem
        ? ctx.fields.has(path)
        : ctx.fields.has('$.' + path) || (!ctx.map.items && ctx.fields.has(path));
      if (k.sub) this.walk(k.sub, path + '.', ctx, inItem);
      else if (!inItem && ctx.equals.has(path)) this.pending += q(ctx.equals.get(path) ?? '');
      else if (!inItem && ctx.prefix.has(path)) {
        this.pending += `"${ctx.prefix.get(path) ?? ''}`;
        this.flush();
        this.out.push("p = t.indexOf('\"', p) + 1;", 'if (p === 0) return undefined;');
      } else if (!inItem && ctx.map.items && path === ctx.map.items.field && ctx.itemLayout) {
        this.pending += '[';
        this.flush();
        this.out.push('const events: UnifiedEvent[] = [];', 'for (;;) {');
        this.walk(ctx.itemLayout, '', ctx, true);
        this.flush();
        const ev = this.events.event(ctx.map, ctx.itemVars, ctx.msgVars);
        if (!ev) ctx.ok = false;
        else this.out.push(...ev.stmts, `events.push(${ev.expr});`);
        this.out.push(
          'const c = t.charCodeAt(p++);',
          'if (c === 44) continue;',
          'if (c !== 93) return undefined;',
          'break;',
          '}',
        );
      } else if (k.type === 'string') {
        // the opening quote joins the literal run; the span starts at it
        this.pending += '"';
        this.flush();
        const v = wanted ? this.capture(ctx, vars, inItem, path) : undefined;
        if (v) this.out.push(`const ${v.a} = p - 1;`);
        this.out.push(STRING_REST);
        if (v) this.out.push(`const ${v.e} = p;`);
      } else if (k.type === 'number') {
        this.flush();
        const v = wanted ? this.capture(ctx, vars, inItem, path) : undefined;
        const s = v ? v.a : 's0';
        this.out.push(
          v ? `const ${s} = p;` : '{ const s0 = p;',
          `${TOKEN_LOOP} if (p === ${s}) return undefined;`,
          v ? `const ${v.e} = p;` : '}',
        );
      } else if (wanted) {
        this.flush();
        const v = this.capture(ctx, vars, inItem, path);
        this.out.push(
          `const ${v.a} = p;`,
          ...SKIP_STRING,
          `else { ${TOKEN_LOOP} if (p === ${v.a}) return undefined; }`,
          `const ${v.e} = p;`,
        );
      } else {
        this.flush();
        this.out.push(...SKIP_STRING, ...SKIP_OTHER);
      }
    });
    this.pending += '}';
  }

  /** New span variables for a wanted value, registered under its map path. */
  private capture(ctx: WalkCtx, vars: Map<string, Span>, inItem: boolean, path: string): Span {
    const v = { a: `a${this.n.next}`, e: `e${this.n.next++}` };
    vars.set(inItem || !ctx.map.items ? path : '$.' + path, v);
    return v;
  }
}

interface WalkCtx {
  readonly equals: ReadonlyMap<string, string>;
  readonly prefix: ReadonlyMap<string, string>;
  readonly fields: ReadonlySet<string>;
  readonly msgVars: Map<string, Span>;
  readonly itemVars: Map<string, Span>;
  readonly map: TradeMap | BboMap;
  readonly itemLayout: readonly LayoutKey[] | undefined;
  ok: boolean;
}

/**
 * Moves `p` past a string (native indexOf: the frame has no backslash) or a number/literal token
 * (a table lookup per char). Inline in the generated method, not a call: V8's inlining budget
 * runs out long before the end of a frame-sized method. A structure is left unconsumed, so the
 * next literal check fails and the frame takes the general path.
 */
const TOKEN_LOOP = 'while (TOKEN_CHAR[t.charCodeAt(p)] === 1) p++;';
const SKIP_STRING = [
  `if (t.charCodeAt(p) === 34) { p = t.indexOf('"', p + 1) + 1; if (p === 0) return undefined; }`,
];
/** Past the rest of a string whose opening quote the literal already matched. */
const STRING_REST = `p = t.indexOf('"', p) + 1; if (p === 0) return undefined;`;
const SKIP_OTHER = [
  'else if (t.charCodeAt(p) === 123 || t.charCodeAt(p) === 91) { p = valueEnd(t, p); if (p < 0) return undefined; }',
  `else { const s0 = p; ${TOKEN_LOOP} if (p === s0) return undefined; }`,
];

/** A literal check at `p`: inline char-code compares, or startsWith for a long literal. */
function charsAt(lit: string, max = 8): string {
  // measured: inline compares win for short key literals, one builtin call for longer runs
  if (lit.length > max) return `t.startsWith(${q(lit)}, p)`;
  return [...lit]
    .map((ch, i) => `t.charCodeAt(p${i ? ` + ${i}` : ''}) === ${ch.charCodeAt(0)}`)
    .join(' && ');
}
