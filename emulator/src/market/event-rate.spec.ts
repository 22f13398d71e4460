import { describe, expect, it } from 'vitest';
import { stepsForEventRate } from './event-rate';

describe('stepsForEventRate', () => {
  it('maps an event rate to emulator steps (≈0.3 trades/step + per-tick book and bbo)', () => {
    expect(stepsForEventRate(2000)).toBe(Math.round(1960 / 0.3));
    expect(stepsForEventRate(21)).toBe(10);
    expect(stepsForEventRate(0)).toBe(1);
  });
});
