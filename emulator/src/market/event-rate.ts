/**
 * Emulator market steps per second per symbol that yield about `eventsPerSec` unified events
 * per symbol. A step is one taker (trade, p = 0.3) or maker action; the market is clocked every
 * 50 ms and each tick merges its steps into ONE book delta (+ one bbo when the touch moved), so
 * events/s ≈ 0.3·steps + 20 book + ≤20 bbo at high rates, ≈ 2·steps at low ones. The report
 * gives the rate actually achieved, so this only has to land near the target.
 */
export function stepsForEventRate(eventsPerSec: number): number {
  if (eventsPerSec <= 60) return Math.max(1, Math.round(eventsPerSec / 2.1));
  return Math.max(1, Math.round((eventsPerSec - 40) / 0.3));
}
