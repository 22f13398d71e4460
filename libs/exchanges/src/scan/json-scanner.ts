import type { Decimal } from '@feedgate/core';
import { decimalSpan } from './decimal-span';
import { JsonCursor } from './json-cursor';
import { epochMsSpan } from './time-span';
import { epochMs, type TsUnit } from './time-text';

/**
 * A cursor over one JSON frame for generated parsers. It never builds the whole object tree:
 * parsers walk the keys they need, remember where values start, and read them afterwards.
 * Number tokens are always taken as their exact text (`4714.0`, `9.2E-7`, 20-digit ids), so a
 * float never touches a price. Comparisons (`valueIs`) and numbers (`tsAt`, `decimalAt`) are
 * read straight from the text: the only strings a frame allocates are the ones an event keeps.
 * Book levels live in JsonLevelScanner.
 */
export class JsonScanner extends JsonCursor {
  /** A decimal from a string or number value, straight from the text. */
  readDecimal(): Decimal {
    const t = this.text;
    let start = this.pos;
    let c = t.charCodeAt(start);
    if (c === 32 || c === 10 || c === 13 || c === 9) {
      c = this.peek();
      start = this.pos;
    }
    if (c === 34) {
      const end = t.indexOf('"', ++start);
      if (end < 0) throw this.fail('unterminated string');
      this.pos = end + 1;
      return decimalSpan(t, start, end);
    }
    this.pos = this.tokenEnd(start);
    return decimalSpan(t, start, this.pos);
  }

  // --- reads at a remembered value position (-1 = the key was absent) ---

  stringAt(at: number, field: string): string {
    this.pos = this.need(at, field);
    return this.readString();
  }

  scalarAt(at: number, field: string): string {
    this.pos = this.need(at, field);
    return this.readScalar();
  }

  /** The scalar's text, or null when the key is absent or its value is JSON null. */
  optScalarAt(at: number): string | null {
    if (at < 0) return null;
    this.pos = at;
    const v = this.readScalar();
    return v === 'null' && this.text.charCodeAt(at) !== 34 ? null : v;
  }

  /** `optScalarAt(at) === lit` without building the string (JSON null is never equal). */
  valueIs(at: number, lit: string): boolean {
    return this.tokenIs(at, lit) && (lit !== 'null' || this.text.charCodeAt(at) === 34);
  }

  /**
   * `scalarAt(at) === lit` without building the string: the literal is compared in place.
   * Only a string holding an escape needs the decoded text (never in practice, but exact).
   */
  tokenIs(at: number, lit: string): boolean {
    if (at < 0) return false;
    const t = this.text;
    const n = lit.length;
    if (t.charCodeAt(at) === 34) {
      if (t.startsWith(lit, at + 1) && t.charCodeAt(at + 1 + n) === 34) return true;
      return this.esc >= 0 && this.optScalarAt(at) === lit;
    }
    if (!t.startsWith(lit, at)) return false;
    const c = t.charCodeAt(at + n);
    // the token must end right after the literal: `true` is not `trueish`
    return !(
      (c >= 48 && c <= 57) ||
      (c >= 97 && c <= 122) ||
      c === 45 ||
      c === 43 ||
      c === 46 ||
      c === 69
    );
  }

  /** `optScalarAt(at)?.startsWith(prefix)` without building the string for a plain string value. */
  valueStarts(at: number, prefix: string): boolean {
    if (at < 0) return false;
    if (this.text.charCodeAt(at) === 34 && this.text.startsWith(prefix, at + 1)) return true;
    if (this.text.charCodeAt(at) === 34 && this.esc < 0) return false;
    const v = this.optScalarAt(at);
    return v !== null && v.startsWith(prefix);
  }

  decimalAt(at: number, field: string): Decimal {
    this.pos = this.need(at, field);
    return this.readDecimal();
  }

  /** A decimal, or `fallback` when the key is absent or null. */
  optDecimalAt(at: number, fallback: Decimal): Decimal {
    if (at < 0) return fallback;
    this.pos = at;
    if (this.peek() === 110 /* n */) return fallback;
    return this.readDecimal();
  }

  /** Epoch ms of a timestamp value (number token or string), read from the text range. */
  tsAt(at: number, field: string, unit: TsUnit): number {
    const t = this.text;
    this.pos = this.need(at, field);
    let c = t.charCodeAt(at);
    if (c === 32 || c === 10 || c === 13 || c === 9) c = this.peek();
    const start = this.pos;
    if (c === 34) {
      const end = t.indexOf('"', start + 1);
      if (end >= 0 && (this.esc < 0 || this.esc > end)) {
        this.pos = end + 1;
        return epochMsSpan(t, start + 1, end, unit);
      }
    } else if (c !== 123 && c !== 91) {
      this.pos = this.tokenEnd(start);
      return epochMsSpan(t, start, this.pos, unit);
    }
    // an escaped string or a structure: the text path decides (and reports) as before
    this.pos = start;
    return epochMs(this.readScalar(), unit);
  }

  /** Value position of `key` inside the object at `at`, or -1. */
  keyAt(at: number, key: string): number {
    if (at < 0) return -1;
    this.pos = at;
    this.enterObject();
    for (let k = this.nextKey(); k !== null; k = this.nextKey()) {
      if (k === key) return this.pos;
      this.skipValue();
    }
    return -1;
  }

  /** Value position of element `index` of the array at `at`, or -1. */
  indexAt(at: number, index: number): number {
    if (at < 0) return -1;
    this.pos = at;
    this.enterArray();
    for (let i = 0; this.nextItem(); i++) {
      if (i === index) return this.pos;
      this.skipValue();
    }
    return -1;
  }
}
