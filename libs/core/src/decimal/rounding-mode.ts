/**
 * How a value that does not fit the requested number of fractional digits is rounded.
 *
 * - `half-even` (banker's rounding): to nearest, ties to the even neighbour. The default of
 *   Decimal.div/round and what VWAP uses, because it has no systematic upward bias when many
 *   rounded values are summed or averaged.
 * - `half-up`: to nearest, ties away from zero (2.5 → 3, -2.5 → -3).
 * - `down`: toward zero (truncate).   - `up`: away from zero.
 * - `floor`: toward -∞.               - `ceiling`: toward +∞.
 */
export type RoundingMode = 'half-even' | 'half-up' | 'down' | 'up' | 'floor' | 'ceiling';

export const ROUNDING_MODES: readonly RoundingMode[] = [
  'half-even',
  'half-up',
  'down',
  'up',
  'floor',
  'ceiling',
];
