import { DecimalArithmeticError } from './decimal-arithmetic.error';
import { divRound, pow10 } from './decimal-math';
import { DecimalParseError } from './decimal-parse.error';
import {
  PARSE_MAX_DIGITS,
  PARSE_MAX_EXPONENT,
  PARSE_MAX_LENGTH,
  scanDecimal,
} from './decimal-scan';
import type { RoundingMode } from './rounding-mode';

/**
 * Exact decimal: value = mantissa × 10^exponent. Never goes through a float, so the price an
 * exchange sent is the price feedgate publishes. Instances are immutable.
 *
 * Representation is NOT canonical on purpose: `"0.00426990"` parses to mantissa 426990,
 * exponent -8 and prints back as `"0.00426990"` (the trailing zero the exchange sent is kept).
 * Use `eq`/`compare` for value equality (`1.0` eq `1`), `normalize()` for a canonical form.
 * Arithmetic keeps precision: add/sub use the smaller exponent, mul adds exponents; only
 * `div` and `round` round, to an explicit scale and mode.
 *
 * Bounds (so hostile input cannot allocate without limit): `parse` accepts at most
 * PARSE_MAX_DIGITS significant digits, a resulting |exponent| ≤ PARSE_MAX_EXPONENT and text of
 * at most PARSE_MAX_LENGTH characters; every Decimal (fromParts, mul, div, round) keeps
 * |exponent| ≤ MAX_EXPONENT, otherwise DecimalArithmeticError.
 */
export class Decimal {
  static readonly PARSE_MAX_DIGITS = PARSE_MAX_DIGITS;
  static readonly PARSE_MAX_EXPONENT = PARSE_MAX_EXPONENT;
  static readonly PARSE_MAX_LENGTH = PARSE_MAX_LENGTH;
  static readonly MAX_EXPONENT = 10_000;

  static readonly ZERO = new Decimal(0n, 0);
  static readonly ONE = new Decimal(1n, 0);

  private constructor(
    readonly mantissa: bigint,
    readonly exponent: number,
  ) {}

  // Unchecked factory handed to the scanner (which already bounds the exponent).
  private static create(this: void, mantissa: bigint, exponent: number): Decimal {
    return new Decimal(mantissa, exponent);
  }

  /** mantissa × 10^exponent. Throws DecimalArithmeticError for a non-integer or out-of-range exponent. */
  static fromParts(mantissa: bigint, exponent: number): Decimal {
    if (typeof mantissa !== 'bigint') throw new DecimalArithmeticError('mantissa must be a bigint');
    return new Decimal(mantissa, checkExponent(exponent));
  }

  /** An integer value (exponent 0). A number must be a safe integer (no silent float rounding). */
  static fromInt(n: number | bigint): Decimal {
    if (typeof n === 'bigint') return new Decimal(n, 0);
    if (!Number.isSafeInteger(n)) throw new DecimalArithmeticError(`not a safe integer: ${n}`);
    return new Decimal(BigInt(n), 0);
  }

  /**
   * Parses a JSON number token or decimal string; throws DecimalParseError otherwise.
   *
   * Grammar: `-? digits ( . digits )? ( [eE] [+-]? digits )?`, i.e. JSON numbers, except that
   * leading zeros are ACCEPTED (`0001.5`, `00.10`): some exchanges zero-pad, and the value is
   * unambiguous. Rejected: empty, `.5`, `5.`, a leading `+`, whitespace anywhere, `NaN`,
   * `Infinity`, hex, `1e`, `1_000`. `-0` parses to zero. Trailing zeros are kept.
   */
  static parse(text: string): Decimal {
    const r = scanDecimal(text, Decimal.create);
    if (typeof r === 'string') throw new DecimalParseError(String(text), r);
    return r;
  }

  /** Like parse, but returns null instead of throwing (cheaper on untrusted input). */
  static parseOrNull(text: string): Decimal | null {
    const r = scanDecimal(text, Decimal.create);
    return typeof r === 'string' ? null : r;
  }

  static min(first: Decimal, ...rest: Decimal[]): Decimal {
    let best = first;
    for (const d of rest) if (d.compare(best) < 0) best = d;
    return best;
  }

  static max(first: Decimal, ...rest: Decimal[]): Decimal {
    let best = first;
    for (const d of rest) if (d.compare(best) > 0) best = d;
    return best;
  }

  isZero(): boolean {
    return this.mantissa === 0n;
  }

  sign(): -1 | 0 | 1 {
    return this.mantissa < 0n ? -1 : this.mantissa > 0n ? 1 : 0;
  }

  negate(): Decimal {
    return new Decimal(-this.mantissa, this.exponent);
  }

  abs(): Decimal {
    return this.mantissa < 0n ? new Decimal(-this.mantissa, this.exponent) : this;
  }

  /** Value comparison, independent of representation: `1.0` compares equal to `1`. */
  compare(other: Decimal): -1 | 0 | 1 {
    let a = this.mantissa;
    let b = other.mantissa;
    if (this.exponent !== other.exponent) {
      // Signs decide without scaling; only same-sign non-zero values need alignment.
      const sa = this.sign();
      const sb = other.sign();
      if (sa !== sb) return sa < sb ? -1 : 1;
      if (sa === 0) return 0;
      const diff = this.exponent - other.exponent;
      if (diff > 0) a *= pow10(diff);
      else b *= pow10(-diff);
    }
    return a < b ? -1 : a > b ? 1 : 0;
  }

  eq(other: Decimal): boolean {
    return this.compare(other) === 0;
  }

  lt(other: Decimal): boolean {
    return this.compare(other) < 0;
  }

  lte(other: Decimal): boolean {
    return this.compare(other) <= 0;
  }

  gt(other: Decimal): boolean {
    return this.compare(other) > 0;
  }

  gte(other: Decimal): boolean {
    return this.compare(other) >= 0;
  }

  /** Exact sum; the result has the smaller of the two exponents. */
  add(other: Decimal): Decimal {
    const e = Math.min(this.exponent, other.exponent);
    return new Decimal(this.scaledTo(e) + other.scaledTo(e), e);
  }

  /** Exact difference; the result has the smaller of the two exponents. */
  sub(other: Decimal): Decimal {
    const e = Math.min(this.exponent, other.exponent);
    return new Decimal(this.scaledTo(e) - other.scaledTo(e), e);
  }

  /** Exact product; exponents add (`1.5 × 2.00 = 3.000`). */
  mul(other: Decimal): Decimal {
    return new Decimal(
      this.mantissa * other.mantissa,
      checkExponent(this.exponent + other.exponent),
    );
  }

  /**
   * this / other rounded to `scale` fractional digits (result exponent is exactly -scale;
   * a negative scale rounds to tens, hundreds, …). Division by zero throws DecimalArithmeticError.
   */
  div(other: Decimal, scale: number, rounding: RoundingMode = 'half-even'): Decimal {
    const target = checkExponent(-scale);
    if (other.mantissa === 0n) throw new DecimalArithmeticError('division by zero');
    // value × 10^scale = m1 × 10^(e1 - e2 + scale) / m2, then one rounded integer division.
    const k = this.exponent - other.exponent + scale;
    const num = k >= 0 ? this.mantissa * pow10(k) : this.mantissa;
    const den = k >= 0 ? other.mantissa : other.mantissa * pow10(-k);
    return new Decimal(divRound(num, den, rounding), target);
  }

  /**
   * Rounds (or pads with zeros) to exactly `scale` fractional digits: the result exponent is
   * -scale, like BigDecimal.setScale. `round(2)` of `1.005` is `1.00` (half-even), of `1.5` is `1.50`.
   */
  round(scale: number, rounding: RoundingMode = 'half-even'): Decimal {
    const target = checkExponent(-scale);
    if (this.exponent >= target) return new Decimal(this.scaledTo(target), target);
    return new Decimal(divRound(this.mantissa, pow10(target - this.exponent), rounding), target);
  }

  /** Canonical form: trailing zeros moved from the mantissa into the exponent; zero is 0e0. */
  normalize(): Decimal {
    let m = this.mantissa;
    if (m === 0n) return Decimal.ZERO;
    let e = this.exponent;
    while (m % 10n === 0n) {
      m /= 10n;
      e++;
    }
    return e === this.exponent ? this : new Decimal(m, e);
  }

  /**
   * LOSSY: the nearest double (one correctly rounded conversion). For display and metrics
   * only; never feed the result back into prices or amounts.
   */
  toNumber(): number {
    return this.exponent === 0
      ? Number(this.mantissa)
      : Number(`${this.mantissa}e${this.exponent}`);
  }

  /**
   * Plain decimal notation, never exponent notation; `Decimal.parse(d.toString()).eq(d)` always.
   * Negative exponents print exactly -exponent fractional digits (trailing zeros kept);
   * positive exponents print as zeros before the point (`1e3` → `1000`); zero prints without
   * a sign.
   */
  toString(): string {
    const m = this.mantissa;
    const e = this.exponent;
    if (e === 0) return m.toString();
    if (e > 0) return m === 0n ? '0' : m.toString() + '0'.repeat(e);
    const neg = m < 0n;
    let digits = (neg ? -m : m).toString();
    const scale = -e;
    if (digits.length <= scale) digits = '0'.repeat(scale - digits.length + 1) + digits;
    const out = digits.slice(0, digits.length - scale) + '.' + digits.slice(digits.length - scale);
    return neg ? '-' + out : out;
  }

  /** JSON form of DESIGN.md: a decimal string. */
  toJSON(): string {
    return this.toString();
  }

  /** The mantissa rescaled to exponent e (e ≤ this.exponent; exact). */
  private scaledTo(e: number): bigint {
    return e === this.exponent ? this.mantissa : this.mantissa * pow10(this.exponent - e);
  }
}

function checkExponent(e: number): number {
  if (!Number.isInteger(e) || e > Decimal.MAX_EXPONENT || e < -Decimal.MAX_EXPONENT) {
    throw new DecimalArithmeticError(`exponent/scale out of range: ${e}`);
  }
  return e === 0 ? 0 : e; // folds -0 (e.g. from -scale with scale 0) to 0
}
