import type { BookLevel, Decimal } from '@feedgate/core';
import { FrameParseError } from '../frame-parse.error';
import { decimalSpan } from './decimal-span';
import { epochMs, type TsUnit } from './time-text';

/**
 * A cursor over one JSON frame for generated parsers. It never builds the whole object tree:
 * parsers walk the keys they need, remember where values start, and read them afterwards.
 * Number tokens are always taken as their exact text (`4714.0`, `9.2E-7`, 20-digit ids), so a
 * float never touches a price. Skipped values are bracket-balanced but not fully validated;
 * every value that is read is.
 */
export class JsonScanner {
  text = '';
  pos = 0;
  /** Set by nextKeyRaw: where the current key's characters start, and how many (-1 = escaped key). */
  keyStart = 0;
  keyLen = 0;

  reset(text: string): void {
    this.text = text;
    this.pos = 0;
  }

  /** Char code of the next non-blank character (NaN at the end), without consuming it. */
  peek(): number {
    this.ws();
    return this.text.charCodeAt(this.pos);
  }

  /** True when only blanks remain; used to reject trailing garbage after the top value. */
  atEnd(): boolean {
    this.ws();
    return this.pos >= this.text.length;
  }

  enterObject(): void {
    if (this.peek() !== 123 /* { */) throw this.fail('expected an object');
    this.pos++;
  }

  /** Next key of the current object with the cursor on its value, or null after the closing brace. */
  nextKey(): string | null {
    let c = this.peek();
    if (c === 125 /* } */) {
      this.pos++;
      return null;
    }
    if (c === 44 /* , */) {
      this.pos++;
      c = this.peek();
    }
    if (c !== 34) throw this.fail('expected a key');
    const key = this.readString();
    if (this.peek() !== 58 /* : */) throw this.fail('expected a colon');
    this.pos++;
    this.ws();
    return key;
  }

  /**
   * nextKey without building the key string: generated parsers match keyStart/keyLen against
   * char codes, which is what makes the key switch cheap. An escaped key (never seen in market
   * data) gets keyLen -1 so it matches nothing and is skipped.
   */
  nextKeyRaw(): boolean {
    const t = this.text;
    let c = this.peek();
    if (c === 125 /* } */) {
      this.pos++;
      return false;
    }
    if (c === 44 /* , */) {
      this.pos++;
      c = this.peek();
    }
    if (c !== 34) throw this.fail('expected a key');
    const start = this.pos + 1;
    let i = start;
    for (; ; i++) {
      c = t.charCodeAt(i);
      if (c === 34) break;
      if (c === 92 || c !== c) break;
    }
    if (c === 34) {
      this.keyStart = start;
      this.keyLen = i - start;
      this.pos = i + 1;
    } else {
      this.pos = this.stringEnd(start - 1);
      this.keyLen = -1;
    }
    c = t.charCodeAt(this.pos);
    if (c !== 58) {
      if (this.peek() !== 58 /* : */) throw this.fail('expected a colon');
    }
    this.pos++;
    c = t.charCodeAt(this.pos);
    if (c === 32 || c === 10 || c === 13 || c === 9) this.ws();
    return true;
  }

  enterArray(): void {
    if (this.peek() !== 91 /* [ */) throw this.fail('expected an array');
    this.pos++;
  }

  /** Moves to the next element of the current array; false after the closing bracket. */
  nextItem(): boolean {
    let c = this.peek();
    if (c === 93 /* ] */) {
      this.pos++;
      return false;
    }
    if (c === 44) {
      this.pos++;
      c = this.peek();
    }
    if (c !== c) throw this.fail('unterminated array');
    return true;
  }

  /** Skips one value of any kind. */
  skipValue(): void {
    const t = this.text;
    const c = this.peek();
    if (c === 34) {
      this.pos = this.stringEnd(this.pos);
      return;
    }
    if (c === 123 || c === 91) {
      let depth = 0;
      let i = this.pos;
      const n = t.length;
      for (; i < n; i++) {
        const d = t.charCodeAt(i);
        if (d === 34) i = this.stringEnd(i) - 1;
        else if (d === 123 || d === 91) depth++;
        else if (d === 125 || d === 93) {
          if (--depth === 0) {
            this.pos = i + 1;
            return;
          }
        }
      }
      throw this.fail('unterminated value');
    }
    this.pos = this.tokenEnd(this.pos);
  }

  /** A string value's content. */
  readString(): string {
    const t = this.text;
    const start = this.pos;
    if (t.charCodeAt(start) !== 34) throw this.fail('expected a string');
    for (let i = start + 1; i < t.length; i++) {
      const c = t.charCodeAt(i);
      if (c === 34) {
        this.pos = i + 1;
        return t.slice(start + 1, i);
      }
      if (c === 92 /* \ */) {
        const end = this.stringEnd(start);
        this.pos = end;
        return this.unescape(start, end);
      }
    }
    throw this.fail('unterminated string');
  }

  /** A scalar's text: string content, or the exact token of a number / true / false / null. */
  readScalar(): string {
    if (this.peek() === 34) return this.readString();
    const start = this.pos;
    this.pos = this.tokenEnd(start);
    return this.text.slice(start, this.pos);
  }

  /** A decimal from a string or number value, straight from the text. */
  readDecimal(): Decimal {
    const t = this.text;
    const c = this.peek();
    if (c === 34) {
      const start = this.pos + 1;
      const end = t.indexOf('"', start);
      if (end < 0) throw this.fail('unterminated string');
      this.pos = end + 1;
      return decimalSpan(t, start, end);
    }
    const start = this.pos;
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

  tsAt(at: number, field: string, unit: TsUnit): number {
    return epochMs(this.scalarAt(at, field), unit);
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

  /** Book levels from an array of arrays: [[price, amount, ...], ...]. */
  levelsAt(at: number, field: string, priceIdx: number, amountIdx: number): BookLevel[] {
    const out: BookLevel[] = [];
    this.pos = this.need(at, field);
    this.enterArray();
    while (this.nextItem()) {
      this.enterArray();
      let price: Decimal | undefined;
      let amount: Decimal | undefined;
      for (let i = 0; this.nextItem(); i++) {
        if (i === priceIdx) price = this.readDecimal();
        else if (i === amountIdx) amount = this.readDecimal();
        else this.skipValue();
      }
      if (price === undefined || amount === undefined) throw this.fail(`short level in ${field}`);
      out.push([price, amount]);
    }
    return out;
  }

  /** Book levels from an array of objects: [{price, qty}, ...]. */
  objectLevelsAt(at: number, field: string, priceKey: string, amountKey: string): BookLevel[] {
    const out: BookLevel[] = [];
    this.pos = this.need(at, field);
    this.enterArray();
    while (this.nextItem()) {
      this.enterObject();
      let price: Decimal | undefined;
      let amount: Decimal | undefined;
      for (let k = this.nextKey(); k !== null; k = this.nextKey()) {
        if (k === priceKey) price = this.readDecimal();
        else if (k === amountKey) amount = this.readDecimal();
        else this.skipValue();
      }
      if (price === undefined || amount === undefined) throw this.fail(`short level in ${field}`);
      out.push([price, amount]);
    }
    return out;
  }

  /** Levels tagged with their side, e.g. Coinbase changes [["buy", price, size], ...]. */
  sidedLevelsAt(
    at: number,
    field: string,
    idx: { side: number; price: number; amount: number; bid: string; ask: string },
    bids: BookLevel[],
    asks: BookLevel[],
  ): void {
    this.pos = this.need(at, field);
    this.enterArray();
    while (this.nextItem()) {
      this.enterArray();
      let side: string | undefined;
      let price: Decimal | undefined;
      let amount: Decimal | undefined;
      for (let i = 0; this.nextItem(); i++) {
        if (i === idx.side) side = this.readScalar();
        else if (i === idx.price) price = this.readDecimal();
        else if (i === idx.amount) amount = this.readDecimal();
        else this.skipValue();
      }
      if (price === undefined || amount === undefined) throw this.fail(`short level in ${field}`);
      if (side === idx.bid) bids.push([price, amount]);
      else if (side === idx.ask) asks.push([price, amount]);
      else
        throw new FrameParseError(
          'BAD_VALUE',
          `unknown level side ${JSON.stringify(side)} in ${field}`,
        );
    }
  }

  fail(what: string): FrameParseError {
    return new FrameParseError('MALFORMED_JSON', `${what} at offset ${this.pos}`);
  }

  need(at: number, field: string): number {
    if (at < 0) throw new FrameParseError('MISSING_FIELD', `missing field ${field}`);
    return at;
  }

  private ws(): void {
    const t = this.text;
    let c = t.charCodeAt(this.pos);
    while (c === 32 || c === 10 || c === 13 || c === 9) c = t.charCodeAt(++this.pos);
  }

  /** Index just past the closing quote of the string starting at `start`. */
  private stringEnd(start: number): number {
    const t = this.text;
    for (let i = start + 1; i < t.length; i++) {
      const c = t.charCodeAt(i);
      if (c === 34) return i + 1;
      if (c === 92) i++;
    }
    throw this.fail('unterminated string');
  }

  /** Index just past a number or literal token; rejects structural characters and the end. */
  private tokenEnd(start: number): number {
    const t = this.text;
    let i = start;
    for (; i < t.length; i++) {
      const c = t.charCodeAt(i);
      // digits, sign, dot, exponent and the letters of true/false/null
      if (!(
        (c >= 48 && c <= 57) ||
        c === 45 ||
        c === 43 ||
        c === 46 ||
        (c >= 97 && c <= 122) ||
        c === 69
      ))
        break;
    }
    if (i === start) throw this.fail('expected a value');
    return i;
  }

  private unescape(start: number, end: number): string {
    try {
      return JSON.parse(this.text.slice(start, end)) as string;
    } catch {
      throw this.fail('bad escape in string');
    }
  }
}
