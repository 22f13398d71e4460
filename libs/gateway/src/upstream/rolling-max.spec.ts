import { describe, expect, it } from 'vitest';
import { RollingMax } from './rolling-max';

describe('RollingMax', () => {
  it('keeps a spike for at least one period and forgets it after two', () => {
    let t = 0;
    const m = new RollingMax(1000, () => t);
    m.record(40);
    m.record(900);
    m.record(50);
    expect(m.read()).toBe(900);
    t = 1500; // next period: the spike is the previous bucket
    m.record(30);
    expect(m.read()).toBe(900);
    t = 2100; // two periods on: only the 30 of the previous bucket is left
    expect(m.read()).toBe(30);
    t = 5000; // long silence: both buckets are stale
    expect(m.read()).toBe(0);
  });
});
