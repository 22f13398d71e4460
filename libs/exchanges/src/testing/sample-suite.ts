import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { ExchangeParser } from '../exchange-parser';
import { sampleMismatches } from './sample-expectation';
import { readSampleLines } from './sample-lines';

/**
 * Registers one test per line of `<dir>/fixtures/<id>.samples.jsonl` (the repo copy of
 * ../shared/samples/exchanges/<id>.jsonl). Each line gets a fresh parser (lines are independent
 * vectors) after feeding the lines it depends on.
 */
export function sampleSuite(dir: string, id: string, create: () => ExchangeParser): void {
  const lines = readSampleLines(join(dir, 'fixtures', `${id}.samples.jsonl`));
  it('has sample lines', () => expect(lines.length).toBeGreaterThan(0));
  for (const line of lines) {
    it(`sample ${line.id}`, () => {
      const parser = create();
      for (const dep of line.dependsOn ?? []) {
        const d = lines.find((l) => l.id === dep);
        if (d) parser.parse(d.rawText, 0);
      }
      const result = parser.parse(line.rawText, 1_700_000_000_000);
      expect(sampleMismatches(line, result)).toEqual([]);
    });
  }
}
