import { Decimal } from '@feedgate/core';
import type { ControlKind, ExchangeParser, ParseResult, ParserOptions } from './exchange-parser';
import { FrameParseError } from './frame-parse.error';
import { byteText } from './scan/direct-scan';
import { FRAME_BYTES } from './scan/frame-bytes';
import { JsonLevelScanner } from './scan/json-level-scanner';
import type { SymbolMapping } from './spec/exchange-spec';

const CONTROLS: Readonly<Record<ControlKind, ParseResult>> = {
  ack: Object.freeze({ kind: 'control', control: 'ack' }),
  heartbeat: Object.freeze({ kind: 'control', control: 'heartbeat' }),
  pong: Object.freeze({ kind: 'control', control: 'pong' }),
  info: Object.freeze({ kind: 'control', control: 'info' }),
  error: Object.freeze({ kind: 'control', control: 'error' }),
};
const NO_EVENTS: ParseResult = Object.freeze({ kind: 'events', events: Object.freeze([]) });
/** Symbols seen per connection are few; the bound only guards against a hostile feed. */
const MAX_CACHED_SYMBOLS = 10_000;
/** Symbols nativeAt compares in place: few, or the misses of a many-symbol feed cost more. */
const RECENT = 4;
/** Longest native symbol nativeAt compares in place (its bytes' slot in the ring). */
const RECENT_MAX_LEN = 32;
// Bound once at load, so V8 folds the buffer into nativeAt (see FRAME_BYTES).
const B = FRAME_BYTES;

/**
 * What every generated parser shares: the frame-to-text step, the never-throw wrapper, the
 * per-connection symbol cache and the canned control results. The generated subclass only
 * holds the exchange-specific straight-line code (`parseText`).
 */
export abstract class GeneratedParserBase implements ExchangeParser {
  abstract readonly exchange: string;
  readonly s = new JsonLevelScanner();
  static readonly ZERO = Decimal.fromParts(0n, 0);
  private readonly symbolCache = new Map<string, string>();
  private lastNative: string | null = null;
  private lastSymbol = '';
  /** The last RECENT distinct symbols (native, normalized), for nativeAt: a ring. */
  private readonly recentNative: string[] = [];
  private readonly recentSymbol: string[] = [];
  /** Their ASCII bytes, RECENT_MAX_LEN per slot, and lengths (-1: empty or not comparable). */
  private readonly recentBytes = new Uint8Array(RECENT * RECENT_MAX_LEN);
  private readonly recentLen = new Int32Array(RECENT).fill(-1);
  private recentNext = 0;

  constructor(
    private readonly symbols: SymbolMapping,
    readonly options: ParserOptions = {},
  ) {}

  parse(frame: string | Buffer, localTs: number): ParseResult {
    const text = typeof frame === 'string' ? frame : frame.toString('utf8');
    if (text.length === 0) return error(new FrameParseError('EMPTY_FRAME', 'empty frame'));
    try {
      return this.parseText(text, localTs);
    } catch (err) {
      if (err instanceof FrameParseError) return error(err);
      // Anything else (BigInt of a hostile token, a symbol helper refusing a name) is still a bad frame.
      return error(
        new FrameParseError('BAD_VALUE', err instanceof Error ? err.message : String(err)),
      );
    }
  }

  /** Normalized symbol of a native one, cached per connection. */
  sym(native: string): string {
    // A connection's frames run in bursts of one symbol: a string compare beats a Map probe.
    if (native === this.lastNative) return this.lastSymbol;
    let v = this.symbolCache.get(native);
    if (v === undefined) {
      v = this.symbols.normalize(native, this.options);
      if (this.symbolCache.size < MAX_CACHED_SYMBOLS) this.symbolCache.set(native, v);
    }
    const r = this.recentNext;
    this.recentNative[r] = native;
    this.recentSymbol[r] = v;
    this.recentLen[r] = this.keepBytes(native, r * RECENT_MAX_LEN);
    this.recentNext = (r + 1) % RECENT;
    this.lastNative = native;
    this.lastSymbol = v;
    return v;
  }

  /**
   * byteText of a direct path's symbol span (the frame `t` is in FRAME_BYTES), but a recent
   * frame's string when the bytes are the same: a connection's frames mostly cycle through a few
   * symbols, so the usual frame neither allocates a symbol string nor hashes one (`sym` then hits
   * its identity check).
   */
  nativeAt(t: string, a: number, e: number): string {
    if (B[a] === 34) {
      const s = a + 1;
      const len = e - a - 2;
      const lens = this.recentLen;
      const rb = this.recentBytes;
      for (let i = 0; i < RECENT; i++) {
        if (lens[i] !== len) continue;
        let o = i * RECENT_MAX_LEN;
        let k = s;
        const f = s + len;
        while (k < f && rb[o] === B[k]) {
          o++;
          k++;
        }
        if (k === f) {
          const n = this.recentNative[i];
          this.lastNative = n;
          this.lastSymbol = this.recentSymbol[i];
          return n;
        }
      }
    }
    return byteText(t, a, e);
  }

  /** Copies an ASCII symbol's bytes to `at` for nativeAt; its length, or -1 when it cannot. */
  private keepBytes(native: string, at: number): number {
    if (native.length > RECENT_MAX_LEN) return -1;
    for (let i = 0; i < native.length; i++) {
      const c = native.charCodeAt(i);
      if (c > 127) return -1;
      this.recentBytes[at + i] = c;
    }
    return native.length;
  }

  control(kind: ControlKind, detail?: string | null): ParseResult {
    return detail == null ? CONTROLS[kind] : { kind: 'control', control: kind, detail };
  }

  noEvents(): ParseResult {
    return NO_EVENTS;
  }

  unrouted(text: string): never {
    throw new FrameParseError('UNKNOWN_MESSAGE', `no route for ${text.slice(0, 80)}`);
  }

  /** Message root has been scanned: anything but blanks after it is a broken frame. */
  assertEnd(): void {
    if (!this.s.atEnd()) throw this.s.fail('trailing data after the message');
  }

  protected abstract parseText(text: string, localTs: number): ParseResult;
}

function error(e: FrameParseError): ParseResult {
  return { kind: 'error', error: e };
}
