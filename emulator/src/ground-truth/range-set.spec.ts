import { describe, expect, it } from 'vitest';
import { RangeSet } from './range-set';

describe('RangeSet', () => {
  it('merges appended and out-of-order values into ranges', () => {
    const r = new RangeSet();
    for (const v of [1, 2, 3, 7, 8, 5, 4, 10]) r.add(v);
    expect(r.toArray()).toEqual([
      { from: 1, to: 5 },
      { from: 7, to: 8 },
      { from: 10, to: 10 },
    ]);
    expect(r.count).toBe(8);
    expect(r.holes()).toEqual([
      { from: 6, to: 6 },
      { from: 9, to: 9 },
    ]);
    r.addRange(5, 12);
    expect(r.toArray()).toEqual([{ from: 1, to: 12 }]);
    expect(r.has(6)).toBe(true);
    expect(r.has(13)).toBe(false);
  });

  it('is bounded', () => {
    const r = new RangeSet(3);
    for (let i = 0; i < 10; i++) r.add(i * 2);
    expect(r.toArray().length).toBe(3);
    expect(r.truncated).toBe(true);
  });
});

describe('RangeSet.has', () => {
  it('answers for values before, inside, between and after the ranges', () => {
    const r = new RangeSet();
    expect(r.has(1)).toBe(false);
    r.addRange(10, 20);
    r.addRange(30, 40);
    r.add(50);
    for (const [v, want] of [
      [9, false],
      [10, true],
      [15, true],
      [20, true],
      [21, false],
      [35, true],
      [45, false],
      [50, true],
      [51, false],
    ] as const) {
      expect(r.has(v)).toBe(want);
    }
  });
});
