import type { CandleInterval } from '@feedgate/core';

/** Window length of each candle interval, ms. */
export const CANDLE_INTERVAL_MS: Readonly<Record<CandleInterval, number>> = {
  '1s': 1_000,
  '1m': 60_000,
  '5m': 300_000,
  '1h': 3_600_000,
};

/**
 * Start of the window holding `ts`: windows are aligned to the epoch (UTC), so every exchange's
 * `1m` candle of 12:00 covers the same [12:00, 12:01). Fractional (sub-ms) ts floor correctly.
 */
export function windowStart(ts: number, intervalMs: number): number {
  return Math.floor(ts / intervalMs) * intervalMs;
}
