import { describe, expect, it } from 'vitest';
import { staleFiles } from '../codegen/generate';

describe('codegen', () => {
  it('checked-in parsers are what the generator produces from the specs', async () => {
    expect(await staleFiles()).toEqual([]);
  }, 30_000);
});
