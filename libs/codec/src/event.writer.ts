import type { BookLevel, Decimal, UnifiedEvent } from '@feedgate/core';
import type { ByteWriter } from './byte-writer';
import { CodecError } from './codec.error';
import type { FrameLimits } from './frame-limits';
import * as W from './wire-format';

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

function enumCode<T>(table: readonly T[], value: T, what: string): number {
  const code = table.indexOf(value);
  if (code < 0) throw new CodecError('BAD_EVENT', `unknown ${what}: ${String(value)}`);
  return code;
}

/**
 * Writes the events of one frame (layout in wire-format.ts) into the frame encoder's buffer,
 * keeping the per-frame string table. `reset` starts a new frame.
 */
export class EventWriter {
  private readonly strings = new Map<string, number>();
  /** Table entries in index order, so a failed event's new entries can be rolled back. */
  private readonly order: string[] = [];
  private base = 0;

  constructor(
    private readonly w: ByteWriter,
    private readonly limits: FrameLimits,
  ) {}

  /** Starts a new frame whose times are delta-encoded against `base` (wire-format timeBase). */
  reset(base: number): void {
    this.strings.clear();
    this.order.length = 0;
    this.base = base;
  }

  get stringCount(): number {
    return this.order.length;
  }

  /** Forgets table entries defined after the table had `count` entries (by a failed event). */
  rollback(count: number): void {
    for (let i = count; i < this.order.length; i++) this.strings.delete(this.order[i]);
    this.order.length = count;
  }

  /** Per-frame string table, defined on first use (see wire-format.ts "sref"). */
  private sref(s: string): void {
    const idx = this.strings.get(s);
    if (idx !== undefined) {
      this.w.uvarint(idx);
      return;
    }
    const next = this.strings.size;
    this.w.uvarint(next);
    this.w.str(s, this.limits.maxStringBytes);
    this.strings.set(s, next);
    this.order.push(s);
  }

  private decimal(d: Decimal): void {
    const e = d.exponent;
    if (!Number.isInteger(e) || e < INT32_MIN || e > INT32_MAX) {
      throw new CodecError('BAD_EVENT', `decimal exponent ${e} outside int32`);
    }
    // Number(m) is exact exactly when it is a safe integer, so one conversion picks the path.
    const m = d.mantissa;
    const n = Number(m);
    if (Number.isSafeInteger(n)) this.w.decimal(n, e);
    else {
      this.w.bigMantissa(m, this.limits.maxMantissaBytes);
      this.w.zigzag32(e);
    }
  }

  private levels(side: readonly BookLevel[]): void {
    const n = side.length;
    if (n > this.limits.maxLevelsPerSide) {
      throw new CodecError('LIMIT_EXCEEDED', `${n} levels exceed ${this.limits.maxLevelsPerSide}`);
    }
    this.w.uvarint(n);
    for (let i = 0; i < n; i++) {
      const level = side[i];
      this.decimal(level[0]);
      this.decimal(level[1]);
    }
  }

  write(e: UnifiedEvent): void {
    const w = this.w;
    const maxStr = this.limits.maxStringBytes;
    let tag: number;
    switch (e.type) {
      case 'trade':
        tag = W.TAG_TRADE;
        break;
      case 'book':
        tag = W.TAG_BOOK;
        break;
      case 'bbo':
        tag = W.TAG_BBO;
        break;
      case 'candle':
        tag = W.TAG_CANDLE;
        break;
      case 'status':
        tag = W.TAG_STATUS;
        break;
      case 'alert':
        tag = W.TAG_ALERT;
        break;
      default:
        throw new CodecError(
          'BAD_EVENT',
          `unknown event type: ${String((e as { type: unknown }).type)}`,
        );
    }
    w.u8(tag);
    this.sref(e.exchange);
    this.sref(e.symbol);
    this.sref(e.nativeSymbol);
    w.time(e.ts, this.base);
    w.time(e.localTs, this.base);
    switch (e.type) {
      case 'trade':
        w.idstr(e.id, maxStr);
        this.decimal(e.price);
        this.decimal(e.amount);
        w.u8(e.side === 'buy' ? 0 : e.side === 'sell' ? 1 : enumCode(W.SIDES, e.side, 'side'));
        return;
      case 'book': {
        let flags = e.snapshot === true ? W.BOOK_SNAPSHOT : 0;
        if (e.seq !== null) flags |= W.BOOK_SEQ;
        if (e.prevSeq !== undefined)
          flags |= e.prevSeq === null ? W.BOOK_PREV_NULL : W.BOOK_PREV_STR;
        if (e.checksumValid !== undefined) {
          flags |= e.checksumValid ? W.BOOK_CHECK_TRUE : W.BOOK_CHECK_FALSE;
        }
        w.u8(flags);
        if (e.seq !== null) w.idstr(e.seq, maxStr);
        if (typeof e.prevSeq === 'string') w.idstr(e.prevSeq, maxStr);
        this.levels(e.bids);
        this.levels(e.asks);
        return;
      }
      case 'bbo':
        this.decimal(e.bidPrice);
        this.decimal(e.bidAmount);
        this.decimal(e.askPrice);
        this.decimal(e.askAmount);
        return;
      case 'candle':
        w.u8(enumCode(W.INTERVALS, e.interval, 'candle interval'));
        this.decimal(e.open);
        this.decimal(e.high);
        this.decimal(e.low);
        this.decimal(e.close);
        this.decimal(e.volume);
        w.num(e.trades);
        w.time(e.start, this.base);
        w.time(e.end, this.base);
        return;
      case 'status': {
        w.u8(enumCode(W.FEED_STATES, e.state, 'feed state'));
        this.sref(e.reason);
        const gaps = e.gaps;
        if (gaps.length > this.limits.maxGapsPerStatus) {
          throw new CodecError(
            'LIMIT_EXCEEDED',
            `${gaps.length} gaps exceed ${this.limits.maxGapsPerStatus}`,
          );
        }
        w.uvarint(gaps.length);
        for (let i = 0; i < gaps.length; i++) {
          w.idstr(gaps[i].from, maxStr);
          w.idstr(gaps[i].to, maxStr);
        }
        return;
      }
      case 'alert':
        this.sref(e.kind);
        w.u8(enumCode(W.SEVERITIES, e.severity, 'alert severity'));
        w.str(e.detail, maxStr);
        return;
    }
  }
}
