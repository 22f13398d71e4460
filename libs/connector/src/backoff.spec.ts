import { describe, expect, it } from 'vitest';
import { fullJitterDelay } from './backoff';

describe('fullJitterDelay', () => {
  const policy = { baseMs: 500, capMs: 30_000 };

  it('stays within [0, min(cap, base·2^attempt)) for every random value', () => {
    for (let attempt = 0; attempt < 12; attempt++) {
      const ceiling = Math.min(30_000, 500 * 2 ** attempt);
      expect(fullJitterDelay(attempt, policy, () => 0)).toBe(0);
      expect(fullJitterDelay(attempt, policy, () => 0.5)).toBe(Math.floor(ceiling / 2));
      const top = fullJitterDelay(attempt, policy, () => 0.999999);
      expect(top).toBeLessThan(ceiling);
      expect(top).toBeGreaterThanOrEqual(ceiling - 1);
    }
  });

  it('is capped for huge attempt counts', () => {
    expect(fullJitterDelay(10_000, policy, () => 0.5)).toBe(15_000);
  });
});
