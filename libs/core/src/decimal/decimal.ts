import { DecimalParseError } from './decimal-parse.error';

/**
 * Exact decimal: value = mantissa × 10^exponent. Never goes through a float, so the
 * price an exchange sent is the price feedgate publishes. Instances are immutable.
 * SKELETON — the full arithmetic (add/mul/div with rounding, compare) is filled in by libs/core work.
 */
export class Decimal {
  private constructor(
    readonly mantissa: bigint,
    readonly exponent: number,
  ) {}

  static fromParts(mantissa: bigint, exponent: number): Decimal {
    return new Decimal(mantissa, exponent);
  }

  static parse(text: string): Decimal {
    const m = /^([+-]?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(text);
    if (!m) throw new DecimalParseError(text);
    const frac = m[3] ?? '';
    const exp = (m[4] ? Number(m[4]) : 0) - frac.length;
    const mant = BigInt(m[2] + frac);
    return new Decimal(m[1] === '-' ? -mant : mant, exp);
  }

  toString(): string {
    const neg = this.mantissa < 0n;
    let digits = (neg ? -this.mantissa : this.mantissa).toString();
    let out: string;
    if (this.exponent >= 0) out = digits + '0'.repeat(this.exponent);
    else {
      const scale = -this.exponent;
      if (digits.length <= scale) digits = '0'.repeat(scale - digits.length + 1) + digits;
      out = digits.slice(0, digits.length - scale) + '.' + digits.slice(digits.length - scale);
    }
    return neg ? '-' + out : out;
  }
}
