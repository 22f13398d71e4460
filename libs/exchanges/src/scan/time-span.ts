import { epochMs, type TsUnit } from './time-text';

const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * epochMs of text[start, end) without slicing in the shapes exchanges send (digit runs, seconds
 * with a fraction, `…Z` ISO times). Each fast path does the same double operations as epochMs
 * on exact integers (a digit run below 2^53 is what Number() of its text gives, and n / 10^k is
 * the correctly rounded value of "0.<digits>"), so the result is bit-identical; anything else
 * goes through epochMs on the slice, errors included.
 */
export function epochMsSpan(t: string, start: number, end: number, unit: TsUnit): number {
  switch (unit) {
    case 'ms': {
      const v = digitsValue(t, start, end);
      if (v >= 0) return v;
      break;
    }
    case 'us': {
      const v = digitsValue(t, start, end);
      if (v >= 0) return v / 1000;
      break;
    }
    case 's': {
      const v = secondsMs(t, start, end);
      if (v >= 0) return v;
      break;
    }
    case 'iso': {
      const v = isoZuluMs(t, start, end);
      if (v >= 0) return v;
      break;
    }
    case 'ns':
      break;
  }
  return epochMs(t.slice(start, end), unit);
}

/** The integer spelled by digits only in [start, end), or -1 (empty, other chars, ≥ 2^53). */
function digitsValue(t: string, start: number, end: number): number {
  if (end <= start || end - start > 16) return -1;
  let v = 0;
  for (let i = start; i < end; i++) {
    const d = t.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v <= Number.MAX_SAFE_INTEGER ? v : -1;
}

/** fractionMs of epochMs: the fraction digits of a second as ms, or -1. */
function fractionMs(t: string, start: number, end: number): number {
  const len = end - start;
  if (len <= 3) {
    const v = digitsValue(t, start, end);
    return len === 0 ? 0 : v < 0 ? -1 : v * POW10[3 - len];
  }
  if (len > 18) return -1;
  const head = digitsValue(t, start, start + 3);
  const rest = digitsValue(t, start + 3, end);
  return head < 0 || rest < 0 ? -1 : head + rest / POW10[len - 3];
}

function secondsMs(t: string, start: number, end: number): number {
  const dot = t.indexOf('.', start);
  if (dot < 0 || dot >= end) {
    const v = digitsValue(t, start, end);
    return v < 0 ? -1 : v * 1000;
  }
  const whole = digitsValue(t, start, dot);
  if (whole < 0 || dot + 1 === end) return -1;
  const f = fractionMs(t, dot + 1, end);
  return f < 0 ? -1 : whole * 1000 + f;
}

/** `YYYY-MM-DDTHH:MM:SS(.f+)?Z`, or -1 (offsets and anything odd take the regex path). */
function isoZuluMs(t: string, start: number, end: number): number {
  if (end - start < 20 || t.charCodeAt(end - 1) !== 90 /* Z */) return -1;
  if (
    t.charCodeAt(start + 4) !== 45 ||
    t.charCodeAt(start + 7) !== 45 ||
    t.charCodeAt(start + 10) !== 84 ||
    t.charCodeAt(start + 13) !== 58 ||
    t.charCodeAt(start + 16) !== 58
  )
    return -1;
  const y = digitsValue(t, start, start + 4);
  const mo = digitsValue(t, start + 5, start + 7);
  const d = digitsValue(t, start + 8, start + 10);
  const h = digitsValue(t, start + 11, start + 13);
  const mi = digitsValue(t, start + 14, start + 16);
  const s = digitsValue(t, start + 17, start + 19);
  if ((y | mo | d | h | mi | s) < 0) return -1;
  let ms = utcMs(y, mo, d, h, mi, s);
  if (end - start === 20) return ms;
  if (t.charCodeAt(start + 19) !== 46 || end - start === 21) return -1;
  const f = fractionMs(t, start + 20, end - 1);
  if (f < 0) return -1;
  ms += f;
  return ms;
}

/**
 * Date.UTC(y, mo - 1, d, h, mi, s) in integer arithmetic (days from the civil calendar), the
 * same value for every field in range and for the day/time overflow Date.UTC rolls over
 * linearly; years below 100 (which Date.UTC maps to 19xx) and months out of range go to it.
 */
export function utcMs(y: number, mo: number, d: number, h: number, mi: number, s: number): number {
  if (y < 100 || mo < 1 || mo > 12) return Date.UTC(y, mo - 1, d, h, mi, s);
  const yy = mo <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  const days = era * 146097 + doe - 719468;
  return days * 86_400_000 + h * 3_600_000 + mi * 60_000 + s * 1000;
}
