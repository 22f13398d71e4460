import type { BusRecord } from '@feedgate/bus';
import { describe, expect, it } from 'vitest';
import { sliceRecords } from './record-slices';

const rec = (key: string, bytes: number): BusRecord => ({ key, value: Buffer.alloc(bytes) });

describe('sliceRecords', () => {
  it('keeps order and puts at most maxBytes in a slice', () => {
    // Each record: 1 (key) + 100 + 16 = 117 bytes (the bus's recordSize); 4 fit in 500.
    const records = Array.from({ length: 10 }, (_, i) => rec(String(i), 100));
    const slices = sliceRecords(records, 500);
    expect(slices.map((s) => s.length)).toEqual([4, 4, 2]);
    expect(slices.flat()).toEqual(records);
  });

  it('gives an oversized record a slice of its own and returns nothing for nothing', () => {
    const big = rec('b', 1000);
    const slices = sliceRecords([rec('a', 10), big, rec('c', 10)], 500);
    expect(slices).toEqual([
      [expect.objectContaining({ key: 'a' })],
      [big],
      [expect.objectContaining({ key: 'c' })],
    ]);
    expect(sliceRecords([], 500)).toEqual([]);
  });
});
