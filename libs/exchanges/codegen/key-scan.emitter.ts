import type { ExchangeSpec } from '../src/spec/exchange-spec';
import { topKeys } from './layout';

/**
 * Emits the general key-by-key scan of one object shape: a positional fast path over the
 * usual key orders that only records where values start, then a key switch by length and char
 * codes for everything else. Used for every frame the direct paths (DirectPathEmitter) decline.
 */
export class KeyScanEmitter {
  constructor(private readonly spec: ExchangeSpec) {}

  scanFn(
    name: string,
    arr: 'm' | 'it',
    keys: readonly string[],
    layouts: readonly string[] = [],
  ): string {
    const fast = layouts.length
      ? [
          'let p = s.pos;',
          this.layoutWalk(arr, keys, layoutTrie(layouts.map(topKeys)), true),
          's.pos = p;',
        ]
      : [];
    return [
      `private ${name}(): void {`,
      'const s = this.s;',
      'const t = s.text;',
      `const ${arr} = this.${arr};`,
      `${arr}.fill(-1);`,
      's.enterObject();',
      ...fast,
      'while (s.nextKeyRaw()) {',
      keys.length ? 'const ks = s.keyStart;' : '',
      keys.length ? this.keySwitch(arr, keys) : '',
      's.skipValue();',
      '}',
      '}',
    ].join('\n');
  }

  /**
   * The positional fast path: nested `startsWith` checks of the expected `,"key":` texts, in the
   * hinted orders. Each matched key records its value position (if wanted) and skips the value;
   * at the first difference the walk stops with `p` on a key boundary, where the key-by-key
   * loop resumes, so slots already filled stay valid and any frame still parses the same.
   */
  private layoutWalk(arr: string, keys: readonly string[], node: TrieNode, first: boolean): string {
    const branches = [...node.entries()].map(([k, child]) => {
      const lit = `${first ? '' : ','}${JSON.stringify(k)}:`;
      const set = keys.includes(k) ? `s.pos = p; ${this.setStmt(arr, keys, k)}` : '';
      return [
        `if (${charsAt('p', lit)}) { // ${lit}`,
        `p += ${lit.length};`,
        set,
        'p = s.skipAt(p);',
        child.size ? this.layoutWalk(arr, keys, child, false) : '',
        '}',
      ].join('\n');
    });
    return branches.join(' else ');
  }

  /**
   * Matches the raw key against the wanted keys by length, then first char code, then the
   * remaining char codes: no key string is ever built on the hot path.
   */
  private keySwitch(arr: string, keys: readonly string[]): string {
    const byLen = new Map<number, string[]>();
    for (const k of keys) byLen.set(k.length, [...(byLen.get(k.length) ?? []), k]);
    const lenCases = [...byLen.entries()].map(([len, ks]) => {
      const byFirst = new Map<number, string[]>();
      for (const k of ks)
        byFirst.set(k.charCodeAt(0), [...(byFirst.get(k.charCodeAt(0)) ?? []), k]);
      const firstCases = [...byFirst.entries()].map(([code, group]) => {
        const tests = group.map((k) => {
          const rest = [...k.slice(1)].map(
            (ch, i) => `t.charCodeAt(ks + ${i + 1}) === ${ch.charCodeAt(0)}`,
          );
          const set = this.setStmt(arr, keys, k);
          return rest.length ? `if (${rest.join(' && ')}) ${set}` : set;
        });
        return `case ${code}: // ${group.join(', ')}\n${tests.join(' else ')}\nbreak;`;
      });
      return `case ${len}:\nswitch (t.charCodeAt(ks)) {\n${firstCases.join('\n')}\n}\nbreak;`;
    });
    return `switch (s.keyLen) {\n${lenCases.join('\n')}\n}`;
  }

  /**
   * Records where key `k`'s value starts. The envelope key (Binance `data` after `stream`) is
   * scanned in place instead: the inner object becomes the message, the rest is skipped, so the
   * payload is walked once rather than skipped and re-walked.
   */
  private setStmt(arr: string, keys: readonly string[], k: string): string {
    const env = this.spec.parser.envelope;
    const set = `${arr}[${keys.indexOf(k)}] = s.pos;`;
    if (arr !== 'm' || !env || env.field !== k) return set;
    const when = keys.indexOf(env.when);
    return `{ if (m[${when}] >= 0 && s.peek() === 123) { this.scanMessage(); while (s.nextKeyRaw()) s.skipValue(); return; } ${set} }`;
  }
}

type TrieNode = Map<string, TrieNode>;

/** Key orders as a prefix tree, so shared leading keys are checked once. */
function layoutTrie(layouts: readonly string[]): TrieNode {
  const root: TrieNode = new Map();
  for (const layout of layouts) {
    let node = root;
    for (const key of layout.split(',')) {
      let next = node.get(key);
      if (!next) node.set(key, (next = new Map()));
      node = next;
    }
  }
  return root;
}

/** `t.startsWith(lit, at)` as inline char-code compares (TurboFan keeps these in the loop body). */
function charsAt(at: string, lit: string): string {
  return [...lit]
    .map((ch, i) => `t.charCodeAt(${at}${i ? ` + ${i}` : ''}) === ${ch.charCodeAt(0)}`)
    .join(' && ');
}
