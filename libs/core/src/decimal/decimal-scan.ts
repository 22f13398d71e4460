/**
 * The hand-written scanner behind Decimal.parse / parseOrNull. Exchange parsers call it for
 * every price and amount, so it avoids regexes, floats and intermediate strings.
 */

/** At most this many significant digits (leading zeros do not count). */
export const PARSE_MAX_DIGITS = 200;
/** |mantissa exponent| after folding the fraction into it, e.g. `1.5e3` → 15e2. */
export const PARSE_MAX_EXPONENT = 1000;
/** Whole text length; bounds the work done on e.g. megabytes of leading zeros. */
export const PARSE_MAX_LENGTH = 1200;

// Character codes.
const MINUS = 45;
const DOT = 46;
const PLUS = 43;
const ZERO_CHAR = 48;
const LOWER_E = 101;
const UPPER_E = 69;

/**
 * Single left-to-right pass over char codes; returns create(mantissa, exponent) or a
 * failure reason (a string), so the caller picks between throwing and returning null.
 * Fast path: up to 15 significant digits fit a double exactly (< 2^53), so the digits are
 * accumulated in a number and converted with one BigInt(n) call; longer mantissas are built
 * from the digit text. Leading zeros are not significant and are skipped in the count.
 */
export function scanDecimal<T>(
  text: string,
  create: (mantissa: bigint, exponent: number) => T,
): T | string {
  if (typeof text !== 'string') return 'not a string';
  const len = text.length;
  if (len === 0) return 'empty';
  if (len > PARSE_MAX_LENGTH) return 'too long';
  let i = 0;
  let neg = false;
  if (text.charCodeAt(0) === MINUS) {
    neg = true;
    i = 1;
  }
  let acc = 0;
  let sig = 0;
  const intStart = i;
  for (; i < len; i++) {
    const d = text.charCodeAt(i) - ZERO_CHAR;
    if (d < 0 || d > 9) break;
    if (sig !== 0 || d !== 0) {
      sig++;
      acc = acc * 10 + d;
    }
  }
  const intEnd = i;
  if (intEnd === intStart) return 'expected a digit';
  let fracStart = i;
  let fracEnd = i;
  if (i < len && text.charCodeAt(i) === DOT) {
    fracStart = ++i;
    for (; i < len; i++) {
      const d = text.charCodeAt(i) - ZERO_CHAR;
      if (d < 0 || d > 9) break;
      if (sig !== 0 || d !== 0) {
        sig++;
        acc = acc * 10 + d;
      }
    }
    fracEnd = i;
    if (fracEnd === fracStart) return 'expected a digit after "."';
  }
  let exp = 0;
  if (i < len) {
    const c = text.charCodeAt(i);
    if (c !== LOWER_E && c !== UPPER_E) return 'unexpected character';
    i++;
    let expNeg = false;
    if (i < len) {
      const s = text.charCodeAt(i);
      if (s === MINUS || s === PLUS) {
        expNeg = s === MINUS;
        i++;
      }
    }
    const expStart = i;
    for (; i < len; i++) {
      const d = text.charCodeAt(i) - ZERO_CHAR;
      if (d < 0 || d > 9) return 'unexpected character';
      // Saturate: anything this large is out of range anyway, and the number stays exact.
      if (exp < 1_000_000) exp = exp * 10 + d;
    }
    if (i === expStart) return 'expected exponent digits';
    if (expNeg) exp = -exp;
  }
  if (sig > PARSE_MAX_DIGITS) return 'too many digits';
  const fracLen = fracEnd - fracStart;
  const e = exp - fracLen;
  if (e > PARSE_MAX_EXPONENT || e < -PARSE_MAX_EXPONENT) {
    return 'exponent out of range';
  }
  const m =
    sig <= 15
      ? BigInt(acc)
      : BigInt(
          fracLen === 0
            ? text.slice(intStart, intEnd)
            : text.slice(intStart, intEnd) + text.slice(fracStart, fracEnd),
        );
  return create(neg ? -m : m, e === 0 ? 0 : e); // `e === 0 ? 0 : e` folds -0 to 0
}
