import { FrameParseError } from '../frame-parse.error';

/**
 * Navigation over one JSON frame's text: objects, keys, arrays and skipping values, without
 * building any of them. The hot paths assume compact JSON (what exchanges send) and only fall
 * back to blank-skipping when the next character is not the one expected. Skipped values are
 * bracket-balanced but not fully validated; every value that is read is (JsonScanner).
 */
export class JsonCursor {
  text = '';
  pos = 0;
  /** Set by nextKeyRaw: where the current key's characters start, and how many (-1 = escaped key). */
  keyStart = 0;
  keyLen = 0;
  /** Index of the frame's first backslash, -1 when none: escape-free frames (nearly all) skip escape checks. */
  esc = -1;

  reset(text: string): void {
    this.text = text;
    this.pos = 0;
    this.esc = text.indexOf('\\');
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
    let p = this.pos;
    let c = t.charCodeAt(p);
    if (c === 44 /* , */) c = t.charCodeAt(++p);
    else if (c === 125 /* } */) {
      this.pos = p + 1;
      return false;
    }
    if (c !== 34) {
      // blanks around the comma, or a broken frame: the careful path
      this.pos = p;
      c = this.peek();
      if (c === 125) {
        this.pos++;
        return false;
      }
      if (c === 44) {
        this.pos++;
        c = this.peek();
      }
      if (c !== 34) throw this.fail('expected a key');
      p = this.pos;
    }
    const start = p + 1;
    let i = start;
    for (; ; i++) {
      c = t.charCodeAt(i);
      if (c === 34 || c === 92 || c !== c) break;
    }
    if (c === 34) {
      this.keyStart = start;
      this.keyLen = i - start;
      p = i + 1;
    } else {
      p = this.stringEnd(start - 1);
      this.keyLen = -1;
    }
    if (t.charCodeAt(p) !== 58) {
      this.pos = p;
      if (this.peek() !== 58 /* : */) throw this.fail('expected a colon');
      p = this.pos;
    }
    this.pos = ++p;
    c = t.charCodeAt(p);
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
    let c = t.charCodeAt(this.pos);
    if (c === 32 || c === 10 || c === 13 || c === 9) c = this.peek();
    if (c === 34) {
      this.pos = this.stringEnd(this.pos);
      return;
    }
    if (c === 123 || c === 91) {
      let depth = 0;
      const n = t.length;
      for (let i = this.pos; i < n; i++) {
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

  /**
   * Index just past the value starting exactly at `p` (layout fast paths: no blanks expected).
   * Short strings and plain integers are walked inline: cheaper than a builtin call per value.
   */
  skipAt(p: number): number {
    const t = this.text;
    const c = t.charCodeAt(p);
    if (c === 34) {
      if (this.esc >= 0) return this.stringEnd(p);
      const n = t.length;
      let i = p + 1;
      while (i < n && t.charCodeAt(i) !== 34) i++;
      if (i >= n) throw this.fail('unterminated string');
      return i + 1;
    }
    // numbers and true/false/null (the same token rule as skipValue)
    if ((c >= 48 && c <= 57) || c === 45 || c === 116 || c === 102 || c === 110)
      return this.tokenEnd(p);
    this.pos = p;
    this.skipValue();
    return this.pos;
  }

  /** A string value's content. */
  readString(): string {
    const t = this.text;
    const start = this.pos;
    if (t.charCodeAt(start) !== 34) throw this.fail('expected a string');
    const q = t.indexOf('"', start + 1);
    if (q < 0) throw this.fail('unterminated string');
    // No backslash before that quote: the common case is one native search and a slice.
    if (this.esc < 0 || this.esc > q) {
      this.pos = q + 1;
      return t.slice(start + 1, q);
    }
    const end = this.stringEnd(start);
    this.pos = end;
    return this.unescape(start, end);
  }

  /** A scalar's text: string content, or the exact token of a number / true / false / null. */
  readScalar(): string {
    if (this.peek() === 34) return this.readString();
    const start = this.pos;
    this.pos = this.tokenEnd(start);
    return this.text.slice(start, this.pos);
  }

  fail(what: string): FrameParseError {
    return new FrameParseError('MALFORMED_JSON', `${what} at offset ${this.pos}`);
  }

  need(at: number, field: string): number {
    if (at < 0) throw new FrameParseError('MISSING_FIELD', `missing field ${field}`);
    return at;
  }

  protected ws(): void {
    const t = this.text;
    let c = t.charCodeAt(this.pos);
    while (c === 32 || c === 10 || c === 13 || c === 9) c = t.charCodeAt(++this.pos);
  }

  /**
   * Index just past the closing quote of the string starting at `start`. Native indexOf finds
   * the candidate quote; only a quote preceded by backslashes needs the escape count.
   */
  stringEnd(start: number): number {
    const t = this.text;
    let q = t.indexOf('"', start + 1);
    if (this.esc < 0 && q >= 0) return q + 1;
    while (q >= 0) {
      let b = q - 1;
      while (t.charCodeAt(b) === 92) b--;
      if ((q - 1 - b) % 2 === 0) return q + 1;
      q = t.indexOf('"', q + 1);
    }
    throw this.fail('unterminated string');
  }

  /** Index just past a number or literal token; rejects structural characters and the end. */
  tokenEnd(start: number): number {
    const t = this.text;
    let i = start;
    // plain integers (ids, timestamps) end at a delimiter: a tight digit loop settles them
    let c = t.charCodeAt(i);
    while (c >= 48 && c <= 57) c = t.charCodeAt(++i);
    if (i > start && (c === 44 || c === 125 || c === 93)) return i;
    i = start;
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
