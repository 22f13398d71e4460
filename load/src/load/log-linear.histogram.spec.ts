import { describe, expect, it } from 'vitest';
import { LogLinearHistogram } from './log-linear.histogram';

describe('LogLinearHistogram', () => {
  it('gives percentiles within 1/64 relative error and the exact max', () => {
    const h = new LogLinearHistogram();
    for (let i = 1; i <= 100_000; i++) h.recordUs(i * 10); // 10 µs … 1 s, uniform
    const p50 = h.percentileMs(0.5);
    const p99 = h.percentileMs(0.99);
    expect(Math.abs(p50 - 500) / 500).toBeLessThan(1 / 64);
    expect(Math.abs(p99 - 990) / 990).toBeLessThan(1 / 64);
    expect(p99).toBeGreaterThanOrEqual(990); // upper edge: never understates
    expect(h.maxMs).toBe(1000);
    expect(h.count).toBe(100_000);
  });

  it('is exact below 128 µs and clamps negative latencies to 0', () => {
    const h = new LogLinearHistogram();
    h.recordMs(-5);
    h.recordUs(3);
    h.recordUs(100);
    expect(h.minMs).toBe(0);
    expect(h.percentileMs(0.5)).toBeCloseTo(0.004, 6);
    expect(h.percentileMs(1)).toBeCloseTo(0.1, 6);
  });

  it('handles huge values, merges and resets', () => {
    const a = new LogLinearHistogram();
    const b = new LogLinearHistogram();
    a.recordMs(3_600_000);
    b.recordMs(1);
    b.recordMs(2);
    a.merge(b);
    expect(a.count).toBe(3);
    expect(a.percentileMs(0.5)).toBeGreaterThanOrEqual(2);
    expect(a.percentileMs(0.5)).toBeLessThan(2.1);
    expect(a.maxMs).toBe(3_600_000);
    a.reset();
    expect(a.summary()).toEqual({ p50: 0, p99: 0, p999: 0, max: 0, count: 0 });
  });
});
