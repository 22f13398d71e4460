import type { BboMap, MatchCondition, TradeMap } from '../src/spec/exchange-spec';

/**
 * A usual key order (ParserSpec.layouts): `e,E,s,t`; with a nested object's own order,
 * `arg{channel,instId},data`; `e=trade` pins a string value (a discriminator), so the layout is
 * only tried for frames of that kind. A trailing `"` or `#` on a key (`s"`, `E#`) says its value is
 * usually a string or a bare token (number, true/false): the direct path then puts the opening
 * quote into the literal or runs the token loop alone (a frame that differs still falls back, as always).
 */
export interface LayoutKey {
  readonly key: string;
  readonly value?: string;
  /** A type hint (`s"` a string, `E#` a bare token): the direct path skips the type test. */
  readonly type?: 'string' | 'number';
  readonly sub?: readonly LayoutKey[];
}

export function parseLayout(text: string): LayoutKey[] {
  let i = 0;
  const list = (): LayoutKey[] => {
    const out: LayoutKey[] = [];
    for (;;) {
      const m = /^[^,{}]+/.exec(text.slice(i));
      if (!m) throw new Error(`bad layout ${text}`);
      i += m[0].length;
      let sub: LayoutKey[] | undefined;
      if (text[i] === '{') {
        i++;
        sub = list();
        if (text[i++] !== '}') throw new Error(`bad layout ${text}`);
      }
      const [name, value] = m[0].split('=');
      const hint = name.endsWith('"') ? 'string' : name.endsWith('#') ? 'number' : undefined;
      const key = hint ? name.slice(0, -1) : name;
      out.push({
        key,
        ...(value !== undefined ? { value } : {}),
        ...(hint ? { type: hint } : {}),
        ...(sub ? { sub } : {}),
      });
      if (text[i] !== ',') return out;
      i++;
    }
  };
  const keys = list();
  if (i !== text.length) throw new Error(`bad layout ${text}`);
  return keys;
}

/** The top-level key order only (what the key-by-key scanner's fast path walks). */
export function topKeys(text: string): string {
  return parseLayout(text)
    .map((k) => k.key)
    .join(',');
}

/** The values a layout pins, by path. */
export function fixedValues(keys: readonly LayoutKey[], prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const k of keys) {
    if (k.value !== undefined) out.set(prefix + k.key, k.value);
    if (k.sub) for (const [p, v] of fixedValues(k.sub, `${prefix}${k.key}.`)) out.set(p, v);
  }
  return out;
}

/** Every dotted path a layout spells (`arg`, `arg.channel`, …). */
export function layoutPaths(keys: readonly LayoutKey[], prefix = ''): string[] {
  return keys.flatMap((k) => [
    prefix + k.key,
    ...(k.sub ? layoutPaths(k.sub, `${prefix}${k.key}.`) : []),
  ]);
}

/**
 * What a frame in exactly this layout is known to hold: its paths, and for some of them the
 * value the direct path checks literally (`equals`) or the prefix it checks (`prefix`).
 */
export interface KnownShape {
  readonly paths: ReadonlySet<string>;
  readonly equals: ReadonlyMap<string, string>;
  readonly prefix: ReadonlyMap<string, string>;
}

/** true / false when a condition is decided by the shape alone, undefined when it depends on data. */
export function decide(c: MatchCondition, shape: KnownShape): boolean | undefined {
  const path = c.field.startsWith('$.') ? c.field.slice(2) : c.field;
  const has = shape.paths.has(path);
  if (c.equals === undefined && c.prefix === undefined) return c.present === false ? !has : has;
  if (!has) return false;
  const v = shape.equals.get(path);
  const pre = shape.prefix.get(path);
  if (c.prefix !== undefined) {
    if (v !== undefined) return v.startsWith(c.prefix);
    if (pre === undefined) return undefined;
    if (pre.startsWith(c.prefix)) return true;
    return c.prefix.startsWith(pre) ? undefined : false;
  }
  const eq = typeof c.equals === 'string' ? [c.equals] : (c.equals ?? []);
  if (v !== undefined) return eq.includes(v);
  if (pre !== undefined && !eq.some((e) => e.startsWith(pre))) return false;
  return undefined;
}

/** A rule list (all must hold) decided by the shape: true, false, or undefined. */
export function decideAll(cs: readonly MatchCondition[], shape: KnownShape): boolean | undefined {
  let all: boolean | undefined = true;
  for (const c of cs) {
    const d = decide(c, shape);
    if (d === false) return false;
    if (d === undefined) all = undefined;
  }
  return all;
}

export const norm = (f: string): string => (f.startsWith('$.') ? f.slice(2) : f);

/** Every path the map reads. */
export function mapFields(map: TradeMap | BboMap): Set<string> {
  const fs =
    map.kind === 'trade'
      ? [map.symbol, map.id, map.price, map.amount, map.side.field, map.ts.field]
      : [map.symbol, map.bidPrice, map.askPrice, map.bidAmount, map.askAmount, map.ts?.field];
  return new Set(fs.filter((f): f is string => f !== undefined));
}

/**
 * Each combination of one value per `equals` condition (the value the literal will spell),
 * within the values a layout fixes (`e=trade,…`: that layout is only tried as such frames).
 */
export function valueChoices(
  when: readonly MatchCondition[],
  fixed: ReadonlyMap<string, string> = new Map(),
): Array<Map<string, string>> {
  let out: Array<Map<string, string>> = [new Map(fixed)];
  for (const c of when) {
    if (c.equals === undefined) continue;
    const all = typeof c.equals === 'string' ? [c.equals] : c.equals;
    const pin = fixed.get(norm(c.field));
    const vals = pin === undefined ? all : all.filter((v) => v === pin);
    out = out.flatMap((m) => vals.map((v) => new Map([...m, [norm(c.field), v]])));
  }
  return out;
}
