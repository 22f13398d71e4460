import { describe, expect, it } from 'vitest';
import { IdHasher } from './id-hasher';

const hashOf = (s: string): string => {
  const h = new IdHasher().reset(7).str(s);
  return `${h.hi}:${h.lo}`;
};

describe('IdHasher', () => {
  it('is deterministic and separates strings by length and content', () => {
    expect(hashOf('b1c2d3e4-0000-4000-8000-1234567890ab')).toBe(
      hashOf('b1c2d3e4-0000-4000-8000-1234567890ab'),
    );
    const texts = ['', 'a', 'ab', 'abc', 'abcd', 'abcde', 'abce', 'bacd', 'abcd\u0000'];
    expect(new Set(texts.map(hashOf)).size).toBe(texts.length);
  });

  it('keeps one-byte and wider characters apart, wherever the first wide one sits', () => {
    // Every string of length 9 over {a, ÿ (U+00FF), Ā (U+0100)}: the packing switches from
    // four to two characters per word at the first group of four holding an Ā.
    const alphabet = ['a', '\u00ff', '\u0100'];
    const texts: string[] = [];
    for (let n = 0; n < 3 ** 9; n++) {
      let s = '';
      for (let i = 0, v = n; i < 9; i++, v = Math.floor(v / 3)) s += alphabet[v % 3];
      texts.push(s);
    }
    expect(new Set(texts.map(hashOf)).size).toBe(texts.length);
  });

  it('hashes numbers by value: 1 and 1.0 alike, nearby fractions apart', () => {
    const num = (v: number): string => {
      const h = new IdHasher().reset(1).num(v);
      return `${h.hi}:${h.lo}`;
    };
    expect(num(1)).toBe(num(1.0));
    expect(num(0.1 + 0.2)).not.toBe(num(0.3));
    expect(num(1_700_000_000_000.25)).not.toBe(num(1_700_000_000_000.5));
  });
});
