import { DecimalArithmeticError } from './decimal-arithmetic.error';
import type { RoundingMode } from './rounding-mode';

/**
 * BigInt helpers behind Decimal. Kept apart from decimal.ts so the class stays readable;
 * nothing here knows about Decimal itself.
 */

// Powers of ten are needed on every cross-exponent compare/add; exchange prices rarely differ
// by more than ~20 decimal places, so a small cache avoids re-computing 10n ** k each time.
const POW10_CACHE_SIZE = 64;
const POW10: bigint[] = [];
for (let i = 0, p = 1n; i < POW10_CACHE_SIZE; i++, p *= 10n) POW10.push(p);

/** 10^k for a non-negative integer k. */
export function pow10(k: number): bigint {
  return k < POW10_CACHE_SIZE ? POW10[k] : 10n ** BigInt(k);
}

/**
 * num / den rounded to an integer with the given mode. `den` must be non-zero (callers check).
 * Exact: works on the remainder, never on a float.
 */
export function divRound(num: bigint, den: bigint, mode: RoundingMode): bigint {
  if (den < 0n) {
    num = -num;
    den = -den;
  }
  const q = num / den; // truncated toward zero
  const r = num % den; // same sign as num
  if (r === 0n) return q;
  const away = num < 0n ? q - 1n : q + 1n; // the neighbour farther from zero
  switch (mode) {
    case 'down':
      return q;
    case 'up':
      return away;
    case 'floor':
      return num < 0n ? away : q;
    case 'ceiling':
      return num < 0n ? q : away;
    case 'half-up':
    case 'half-even': {
      const twice = (r < 0n ? -r : r) * 2n;
      if (twice > den) return away;
      if (twice < den) return q;
      // Exactly half way: half-up goes away from zero, half-even to the even neighbour.
      if (mode === 'half-up') return away;
      return q % 2n === 0n ? q : away;
    }
    default: {
      const never: never = mode;
      throw new DecimalArithmeticError(`unknown rounding mode ${JSON.stringify(never)}`);
    }
  }
}
