import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ParseResult } from '../exchange-parser';
import { EXCHANGE_DEFINITIONS } from '../exchange-definitions.registry';
import { readSampleLines } from '../testing/sample-lines';

/**
 * Layout type hints (`p"`, `E#`) let a direct path skip the type test of a value. A frame whose
 * value has the other type must still parse exactly as on the general path (a leading blank
 * keeps a frame off the direct paths): every quoted number unquoted, every bare token quoted,
 * one at a time, and the symbol cache fed a run of alternating symbols.
 */
const comparable = (r: ParseResult): unknown =>
  r.kind === 'error' ? { kind: 'error', code: r.error.code } : r;

function typeSwaps(raw: string): string[] {
  const out: string[] = [];
  for (const m of raw.matchAll(/:"(-?[\d.eE+-]+)"/g))
    out.push(raw.slice(0, m.index) + ':' + m[1] + raw.slice(m.index + m[0].length));
  for (const m of raw.matchAll(/:(-?[\d.eE+-]+|true|false|null)(?=[,}\]])/g))
    out.push(raw.slice(0, m.index) + ':"' + m[1] + '"' + raw.slice(m.index + m[0].length));
  return out;
}

describe('direct paths with layout type hints', () => {
  for (const [id, def] of EXCHANGE_DEFINITIONS) {
    it(`${id}: values of the other type parse as on the general path`, () => {
      const lines = readSampleLines(join(__dirname, '..', id, 'fixtures', `${id}.samples.jsonl`));
      const direct = def.createParser();
      const general = def.createParser();
      let swaps = 0;
      for (const line of lines)
        for (const frame of [line.rawText, ...typeSwaps(line.rawText)]) {
          swaps++;
          expect(comparable(direct.parse(frame, 5)), `${line.id}: ${frame}`).toEqual(
            comparable(general.parse(' ' + frame, 5)),
          );
        }
      expect(swaps).toBeGreaterThan(lines.length);
    });
  }
});
