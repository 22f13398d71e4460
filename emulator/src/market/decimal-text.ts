import { Decimal } from '@feedgate/core';

/** Past this |exponent| (or off the integers) the Decimal path decides, bounds and errors included. */
const MAX_FAST_EXPONENT = 100;

function fast(units: number, exponent: number): boolean {
  return (
    Number.isSafeInteger(units) &&
    Number.isInteger(exponent) &&
    Math.abs(exponent) <= MAX_FAST_EXPONENT
  );
}

/**
 * `Decimal.fromParts(BigInt(units), exponent).toString()` without the BigInt and the Decimal:
 * every price and size on the wire goes through here, so the allocation-light integer path
 * matters. Same text (plain notation, exactly -exponent fractional digits, trailing zeros
 * kept) for every safe integer; anything else takes the Decimal path.
 */
export function decimalText(units: number, exponent: number): string {
  if (!fast(units, exponent)) return Decimal.fromParts(BigInt(units), exponent).toString();
  if (exponent === 0) return String(units);
  if (exponent > 0) return units === 0 ? '0' : String(units) + '0'.repeat(exponent);
  const neg = units < 0;
  let digits = String(neg ? -units : units);
  const scale = -exponent;
  if (digits.length <= scale) digits = '0'.repeat(scale - digits.length + 1) + digits;
  const cut = digits.length - scale;
  const out = `${digits.slice(0, cut)}.${digits.slice(cut)}`;
  return neg ? `-${out}` : out;
}

/**
 * Kraken checksum digits of `decimalText(units, exponent)`: that text without its point and
 * leading zeros (zero gives the empty string).
 */
export function checksumDigits(units: number, exponent: number): string {
  if (units < 0 || !fast(units, exponent)) {
    return decimalText(units, exponent).replace('.', '').replace(/^0+/, '');
  }
  if (units === 0) return '';
  return exponent > 0 ? String(units) + '0'.repeat(exponent) : String(units);
}
