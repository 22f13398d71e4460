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
 * walks the frame's bytes (FRAME_BYTES) in exactly that order: byte compares for each literal
 * run between values, a table loop over a string or a number, the position in a local. Values
 * are read from their spans straight into the event. The first difference returns `undefined`
 * and the frame takes the general key-by-key path, so a frame parses the same either way — the
 * layouts are a performance hint, never behaviour. Every byte of an accepted frame is checked
 * by a literal, a string, token or structure scan, so it has no backslash: a string is its text.
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
            `if (${bytesAt(`{"${env.when}":"`)}) {`,
            `p = ${env.when.length + 5};`,
            STRING_REST,
            `if (!(${bytesAt(`,"${env.field}":`)}) || B[end - 1] !== 125) return undefined;`,
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
        // An ASCII frame (nearly all) is walked as bytes; any other takes the general path.
        'if (loadFrameBytes(text)) { const d = this.direct(text, localTs); if (d !== undefined) return d; }',
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
    const close = [`if (p + ${last.length} !== end || !(${bytesAt(last)})) return undefined;`];
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
    this.out.push(`if (!(${bytesAt(lit)})) return undefined;`, `p += ${lit.length};`);
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
        this.out.push(STRING_REST);
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
          'const c = B[p++];',
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
          SKIP_STRING,
          `else { ${TOKEN_LOOP} if (p === ${v.a}) return undefined; }`,
          `const ${v.e} = p;`,
        );
      } else {
        this.flush();
        this.out.push(SKIP_STRING, ...SKIP_OTHER);
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
 * Moves `p` past a string or a number/literal token with a table lookup per byte; strings (ids
 * and UUIDs run long) four bytes a step while all four qualify, then one at a time (reading up
 * to 3 bytes past the end sentinel is safe: loadFrameBytes leaves room, and the sentinel's group
 * fails). Measured: the 4-byte step pays for strings, not for the short number tokens. Inline in
 * the generated method, not a call: V8's inlining budget runs out long before the end of a
 * frame-sized method. A string stops at its closing quote, or fails on a backslash (escapes are
 * the general path's) or on the sentinel. A structure is left unconsumed, so the next literal
 * check fails and the frame takes the general path.
 */
const run = (table: string): string =>
  `while ((${table}[B[p]] & ${table}[B[p + 1]] & ${table}[B[p + 2]] & ${table}[B[p + 3]]) === 1) p += 4; ` +
  `while (${table}[B[p]] === 1) p++;`;
const TOKEN_LOOP = 'while (TOKEN_BYTE[B[p]] === 1) p++;';
/** Past the rest of a string whose opening quote the literal already matched. */
const STRING_REST = `${run('STRING_BYTE')} if (B[p] !== 34) return undefined; p++;`;
const SKIP_STRING = `if (B[p] === 34) { p++; ${STRING_REST} }`;
const SKIP_OTHER = [
  'else if (B[p] === 123 || B[p] === 91) { p = byteValueEnd(p); if (p < 0) return undefined; }',
  `else { const s0 = p; ${TOKEN_LOOP} if (p === s0) return undefined; }`,
];

/**
 * A literal check at `p`: one byte compare per character, the first mismatch (or the sentinel)
 * stops it. Measured: cheaper than one startsWith call, which rereads the string's shape per char.
 */
function bytesAt(lit: string): string {
  return [...lit].map((ch, i) => `B[p${i ? ` + ${i}` : ''}] === ${ch.charCodeAt(0)}`).join(' && ');
}
