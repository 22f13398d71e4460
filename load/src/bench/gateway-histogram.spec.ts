import { describe, expect, it } from 'vitest';
import { LatencyHistogram } from './gateway-histogram';

describe('LatencyHistogram', () => {
  it('puts every µs value in a bucket whose upper edge is within 1/32 of it', () => {
    for (let us = 0; us < 5_000_000; us += 1 + Math.floor(us / 97)) {
      const i = LatencyHistogram.indexOf(us);
      const upper = LatencyHistogram.upperOf(i);
      expect(upper).toBeGreaterThanOrEqual(us);
      expect(upper - us).toBeLessThanOrEqual(us / 32 + 1);
      if (i > 0) expect(LatencyHistogram.upperOf(i - 1)).toBeLessThan(us);
    }
  });

  it('reports percentiles of a known uniform distribution', () => {
    const h = new LatencyHistogram();
    for (let ms = 1; ms <= 1000; ms++) h.record(ms);
    expect(h.total).toBe(1000);
    expect(h.percentile(50)).toBeGreaterThanOrEqual(500);
    expect(h.percentile(50)).toBeLessThan(500 * 1.032);
    expect(h.percentile(99)).toBeGreaterThanOrEqual(990);
    expect(h.percentile(99)).toBeLessThan(990 * 1.032);
    expect(h.percentile(100)).toBe(1000);
    expect(h.maxMs).toBe(1000);
  });

  it('merges counts shipped as a plain array (another process)', () => {
    const a = new LatencyHistogram();
    const b = new LatencyHistogram();
    for (let i = 0; i < 90; i++) a.record(2);
    for (let i = 0; i < 10; i++) b.record(300);
    const merged = new LatencyHistogram(a.counts);
    merged.merge(b.counts, b.maxMs);
    expect(merged.total).toBe(100);
    expect(merged.percentile(90)).toBeLessThan(2.1);
    expect(merged.percentile(95)).toBeGreaterThanOrEqual(300);
    expect(merged.maxMs).toBe(300);
  });
});
