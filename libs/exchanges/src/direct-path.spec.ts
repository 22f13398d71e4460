import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ParseResult } from './exchange-parser';
import { EXCHANGE_DEFINITIONS } from './exchange-definitions.registry';
import { readSampleLines } from './testing/sample-lines';

/**
 * The direct paths (usual layouts walked straight through) must give exactly what the general
 * key-by-key path gives. A leading blank keeps a frame off every direct path (they start at
 * offset 0), so the same frame with and without it compares the two.
 */
const comparable = (r: ParseResult): unknown =>
  r.kind === 'error' ? { kind: 'error', code: r.error.code } : r;

function variants(raw: string): string[] {
  const out = [raw, raw + 'x', raw.replace(/}$/, ',"zz":1}'), raw.replace(/"(\d)/, '"-$1')];
  // what the byte walk leaves to the general path: an escape, a non-ASCII char, a NUL
  const starts = [...raw.matchAll(/[:,[]"/g)].slice(0, 40).map((m) => m.index + 2);
  for (const ins of ['\\u0041', '\\"', 'é', '\u0000'])
    for (const at of starts) out.push(raw.slice(0, at) + ins + raw.slice(at));
  // a frame cut anywhere, and a digit or quote changed anywhere (malformed frames)
  for (let k = 1; k < raw.length; k += 3) out.push(raw.slice(0, k));
  for (let k = 0; k < raw.length; k += 5)
    out.push(raw.slice(0, k) + (raw[k] === '"' ? '1' : '"') + raw.slice(k + 1));
  return out;
}

describe('direct paths', () => {
  for (const [id, def] of EXCHANGE_DEFINITIONS) {
    it(`${id}: every sample frame and malformed variants parse as on the general path`, () => {
      const lines = readSampleLines(join(__dirname, id, 'fixtures', `${id}.samples.jsonl`));
      const direct = def.createParser();
      const general = def.createParser();
      // count frames a direct path answered (kraken's v1 one sits in its hook: not counted)
      let directHits = 0;
      const d = direct as unknown as Record<string, unknown>;
      const walk = d.direct;
      if (typeof walk === 'function')
        d.direct = (...args: unknown[]): unknown => {
          const r: unknown = walk.apply(direct, args);
          if (r !== undefined) directHits++;
          return r;
        };
      else directHits = 1;
      for (const line of lines)
        for (const frame of variants(line.rawText)) {
          const a = direct.parse(frame, 5);
          const b = general.parse(' ' + frame, 5);
          expect(comparable(a), `${line.id}: ${frame}`).toEqual(comparable(b));
        }
      expect(directHits).toBeGreaterThan(0);
    });
  }
});
