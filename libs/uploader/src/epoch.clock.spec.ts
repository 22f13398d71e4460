import { describe, expect, it } from 'vitest';
import { EpochClock } from './epoch.clock';

describe('EpochClock', () => {
  it('follows the wall clock and stays strictly increasing when it stands still or steps back', () => {
    let now = 1000;
    const clock = new EpochClock(() => now);
    expect(clock.next()).toBe(1000);
    expect(clock.next()).toBe(1001);
    now = 900;
    expect(clock.next()).toBe(1002);
    now = 5000.7;
    expect(clock.next()).toBe(5000);
  });
});
