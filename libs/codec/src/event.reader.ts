import {
  type Decimal,
  type BookEvent,
  type BookLevel,
  type GapRange,
  type UnifiedEvent,
} from '@feedgate/core';
import type { ByteReader } from './byte-reader';
import type { FrameLimits } from './frame-limits';
import * as W from './wire-format';

/** Table slots whose strings are remembered across frames (frames of one key repeat them). */
const CACHE_SLOTS = 64;
const CACHE_MAX_BYTES = 64;

/**
 * Reads the events of one frame. Keeps the per-frame string table, and remembers the strings of
 * the previous frames by table slot: when a new frame defines the same bytes in the same slot
 * (the usual case: same exchange and symbol), the cached string is reused instead of decoded.
 */
export class EventReader {
  private strings: string[] = [];
  private readonly cacheBytes: (Buffer | undefined)[] = [];
  private readonly cacheText: string[] = [];
  private base = 0;

  constructor(
    private readonly r: ByteReader,
    private readonly limits: FrameLimits,
  ) {}

  reset(base: number): void {
    this.strings = [];
    this.base = base;
  }

  private sref(): string {
    const r = this.r;
    const at = r.pos;
    const idx = r.uvarint();
    const table = this.strings;
    if (idx < table.length) return table[idx];
    if (idx > table.length)
      r.fail('BAD_STRING_REF', `string ref ${idx} past table of ${table.length}`, at);
    const len = r.uvarint();
    const start = r.strBytes(len, this.limits.maxStringBytes);
    const s =
      idx < CACHE_SLOTS && len <= CACHE_MAX_BYTES
        ? this.cached(idx, start, len)
        : r.text(start, len);
    table.push(s);
    return s;
  }

  private cached(slot: number, start: number, len: number): string {
    const buf = this.r.buf;
    const prev = this.cacheBytes[slot];
    if (prev !== undefined && prev.length === len) {
      let i = 0;
      while (i < len && prev[i] === buf[start + i]) i++;
      if (i === len) return this.cacheText[slot];
    }
    const s = this.r.text(start, len);
    this.cacheBytes[slot] = Buffer.from(buf.subarray(start, start + len));
    this.cacheText[slot] = s;
    return s;
  }

  private decimal(): Decimal {
    return this.r.decimal(this.limits.maxMantissaBytes);
  }

  private enumValue<T>(table: readonly T[], what: string): T {
    const code = this.r.u8();
    if (code >= table.length)
      this.r.fail('BAD_VALUE', `unknown ${what} code ${code}`, this.r.pos - 1);
    return table[code];
  }

  /** Reads a count and checks it against the limit and the bytes left (≥ minBytes per item). */
  private count(limit: number, minBytes: number, what: string): number {
    const r = this.r;
    const at = r.pos;
    const n = r.uvarint();
    if (n > limit) r.fail('LIMIT_EXCEEDED', `${n} ${what} exceed ${limit}`, at);
    if (n * minBytes > r.remaining()) r.fail('TRUNCATED', `${n} ${what} cannot fit`, at);
    return n;
  }

  private levels(): BookLevel[] {
    const n = this.count(this.limits.maxLevelsPerSide, 4, 'levels');
    const out: BookLevel[] = [];
    for (let i = 0; i < n; i++) out.push([this.decimal(), this.decimal()]);
    return out;
  }

  read(): UnifiedEvent {
    const r = this.r;
    const tagAt = r.pos;
    const tag = r.u8();
    if (tag < W.TAG_TRADE || tag > W.TAG_ALERT)
      r.fail('BAD_TYPE', `unknown event type tag ${tag}`, tagAt);
    const exchange = this.sref();
    const symbol = this.sref();
    const nativeSymbol = this.sref();
    const ts = r.time(this.base);
    const localTs = r.time(this.base);
    const maxStr = this.limits.maxStringBytes;
    switch (tag) {
      case W.TAG_TRADE: {
        const id = r.idstr(maxStr);
        const price = this.decimal();
        const amount = this.decimal();
        const side = this.enumValue(W.SIDES, 'side');
        return {
          type: 'trade',
          exchange,
          symbol,
          nativeSymbol,
          ts,
          localTs,
          id,
          price,
          amount,
          side,
        };
      }
      case W.TAG_BOOK:
        return this.book(exchange, symbol, nativeSymbol, ts, localTs);
      case W.TAG_BBO: {
        const bidPrice = this.decimal();
        const bidAmount = this.decimal();
        const askPrice = this.decimal();
        const askAmount = this.decimal();
        return {
          type: 'bbo',
          exchange,
          symbol,
          nativeSymbol,
          ts,
          localTs,
          bidPrice,
          bidAmount,
          askPrice,
          askAmount,
        };
      }
      case W.TAG_CANDLE: {
        const interval = this.enumValue(W.INTERVALS, 'candle interval');
        const open = this.decimal();
        const high = this.decimal();
        const low = this.decimal();
        const close = this.decimal();
        const volume = this.decimal();
        const trades = r.num();
        const start = r.time(this.base);
        const end = r.time(this.base);
        return {
          type: 'candle',
          exchange,
          symbol,
          nativeSymbol,
          ts,
          localTs,
          interval,
          open,
          high,
          low,
          close,
          volume,
          trades,
          start,
          end,
        };
      }
      case W.TAG_STATUS: {
        const state = this.enumValue(W.FEED_STATES, 'feed state');
        const reason = this.sref();
        const n = this.count(this.limits.maxGapsPerStatus, 2, 'gaps');
        const gaps: GapRange[] = [];
        for (let i = 0; i < n; i++) gaps.push({ from: r.idstr(maxStr), to: r.idstr(maxStr) });
        return { type: 'status', exchange, symbol, nativeSymbol, ts, localTs, state, reason, gaps };
      }
      default: {
        const kind = this.sref();
        const severity = this.enumValue(W.SEVERITIES, 'alert severity');
        const detail = r.str(maxStr);
        return {
          type: 'alert',
          exchange,
          symbol,
          nativeSymbol,
          ts,
          localTs,
          kind,
          severity,
          detail,
        };
      }
    }
  }

  private book(
    exchange: string,
    symbol: string,
    nativeSymbol: string,
    ts: number,
    localTs: number,
  ): BookEvent {
    const r = this.r;
    const flagsAt = r.pos;
    const flags = r.u8();
    const prevBits = flags & (W.BOOK_PREV_NULL | W.BOOK_PREV_STR);
    const checkBits = flags & (W.BOOK_CHECK_FALSE | W.BOOK_CHECK_TRUE);
    if (
      (flags & ~W.BOOK_FLAGS_MASK) !== 0 ||
      prevBits === (W.BOOK_PREV_NULL | W.BOOK_PREV_STR) ||
      checkBits === (W.BOOK_CHECK_FALSE | W.BOOK_CHECK_TRUE)
    ) {
      r.fail('BAD_VALUE', `bad book flags 0x${flags.toString(16)}`, flagsAt);
    }
    const maxStr = this.limits.maxStringBytes;
    const seq = flags & W.BOOK_SEQ ? r.idstr(maxStr) : null;
    const prevSeq = prevBits === W.BOOK_PREV_STR ? r.idstr(maxStr) : null;
    const bids = this.levels();
    const asks = this.levels();
    const snapshot = (flags & W.BOOK_SNAPSHOT) !== 0;
    const event: { -readonly [K in keyof BookEvent]: BookEvent[K] } = {
      type: 'book',
      exchange,
      symbol,
      nativeSymbol,
      ts,
      localTs,
      snapshot,
      bids,
      asks,
      seq,
    };
    if (prevBits !== 0) event.prevSeq = prevSeq;
    if (checkBits !== 0) event.checksumValid = checkBits === W.BOOK_CHECK_TRUE;
    return event;
  }
}
