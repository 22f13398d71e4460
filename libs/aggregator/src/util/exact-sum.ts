import { Decimal } from '@feedgate/core';

/** Largest |term| addNumber takes: keeps every intermediate below 2^53, so float adds stay exact. */
export const EXACT_SUM_MAX_TERM = 2 ** 51;

const TWO32 = 4_294_967_296;
const TWO32N = 4_294_967_296n;
/** |hi| beyond this could lose integer precision after another carry: switch to bigint. */
const HI_LIMIT = 2 ** 52;
/** A bigint of at most this magnitude fits back into hi/lo (|hi| < 2^52). */
const FITS_LIMIT = 2n ** 83n;
/** 10^k as a float is exact up to k = 22. */
const POW10_NUM = Array.from({ length: 23 }, (_, k) => 10 ** k);
const POW10_BIG: bigint[] = [];
for (let k = 0, p = 1n; k < 64; k++, p *= 10n) POW10_BIG.push(p);

function pow10(k: number): bigint {
  return k < POW10_BIG.length ? POW10_BIG[k] : 10n ** BigInt(k);
}

/**
 * Exact running sum of decimals, value = (hi × 2^32 + lo) × 10^exponent, with the exponent rules
 * of Decimal.add/sub (the result takes the smaller exponent; starting from Decimal.ZERO, whose
 * exponent is 0). Terms are integer mantissas; while they and the sum stay small the arithmetic is
 * plain float math on integers (exact below 2^53), so a running VWAP adds and expires trades
 * without allocating a bigint or a Decimal per trade. Anything larger falls back to one bigint.
 */
export class ExactSum {
  exponent = 0;
  private hi = 0;
  private lo = 0;
  /** Non-null: the whole value lives here (hi and lo unused). */
  private big: bigint | null = null;

  /** Adds m × 10^e; m an integer with |m| ≤ EXACT_SUM_MAX_TERM (callers check). */
  addNumber(m: number, e: number): void {
    if (e !== this.exponent) {
      if (e < this.exponent) this.rescale(e);
      else {
        const d = e - this.exponent;
        const scaled = d < POW10_NUM.length ? m * POW10_NUM[d] : Number.POSITIVE_INFINITY;
        // Exact: both factors are exact integers and the true product is below 2^53.
        if (!(Math.abs(scaled) <= EXACT_SUM_MAX_TERM)) {
          this.addBig(BigInt(m) * pow10(d), this.exponent);
          return;
        }
        m = scaled;
      }
    }
    if (this.big !== null) {
      this.big += BigInt(m);
      return;
    }
    const lo = this.lo + m;
    if (lo > EXACT_SUM_MAX_TERM || lo < -EXACT_SUM_MAX_TERM) {
      const carry = Math.trunc(lo / TWO32); // exact: division by a power of two
      this.lo = lo - carry * TWO32;
      this.hi += carry;
      if (Math.abs(this.hi) > HI_LIMIT) this.big = this.toBigInt();
    } else {
      this.lo = lo;
    }
  }

  /** Adds m × 10^e for any bigint mantissa. */
  addBig(m: bigint, e: number): void {
    if (e < this.exponent) this.rescale(e);
    const term = e === this.exponent ? m : m * pow10(e - this.exponent);
    this.setBig(this.toBigInt() + term);
  }

  isZero(): boolean {
    // hi × 2^32 is exact, and a float sum is 0 only when the exact sum is.
    return this.big !== null ? this.big === 0n : this.hi * TWO32 + this.lo === 0;
  }

  toDecimal(): Decimal {
    return Decimal.fromParts(this.toBigInt(), this.exponent);
  }

  /** Back to zero: Decimal.ZERO's exponent 0, or another one (a sum that starts at a term). */
  reset(exponent = 0): void {
    this.exponent = exponent;
    this.hi = 0;
    this.lo = 0;
    this.big = null;
  }

  private toBigInt(): bigint {
    return this.big ?? BigInt(this.hi) * TWO32N + BigInt(this.lo);
  }

  private rescale(e: number): void {
    const v = this.toBigInt() * pow10(this.exponent - e);
    this.exponent = e;
    this.setBig(v);
  }

  private setBig(v: bigint): void {
    if (v < FITS_LIMIT && v > -FITS_LIMIT) {
      const q = v / TWO32N; // truncates toward zero, so lo keeps v's sign and |lo| < 2^32
      this.hi = Number(q);
      this.lo = Number(v - q * TWO32N);
      this.big = null;
    } else {
      this.big = v;
    }
  }
}
