import type { BookLevel, UnifiedEvent } from '@feedgate/core';
import { DedupInvalidEventError } from './errors/dedup-invalid-event.error';
import { IdHasher } from './id-hasher';

/** An event's identity within its key (`exchange:symbol`, the window's partition): 64 bits as two int32. */
export interface EventId {
  hi: number;
  lo: number;
}

/**
 * Type tags keep the id spaces of different event types apart inside one key (trade id "100"
 * and book seq "100" are different events). A book snapshot and a delta with the same seq are
 * different events too.
 */
const TAG = {
  trade: 1,
  book: 2,
  bookSnapshot: 3,
  bbo: 4,
  candle: 5,
  status: 6,
  alert: 7,
  bookContent: 8,
  bookSnapshotContent: 9,
} as const;

const TWO_32 = 4294967296;
/** 15 decimal digits < 2^50: the value splits exactly into hi (< 2^18) and lo. */
const MAX_EXACT_DIGITS = 15;
const HASHED = 0x80000000 | 0;

/**
 * Event identity per DESIGN.md / issue 4:
 * - trade: exchange + symbol + trade id;
 * - book: exchange + symbol + seq (+ snapshot flag); where seq is null, a content hash over
 *   ts, the snapshot flag and every level's mantissa/exponent;
 * - bbo, candle, status, alert: exchange + symbol + exchange time + content hash.
 * The exchange + symbol part is the window's partition, so only the per-key part is computed here.
 *
 * Encoding of the 64 bits: a plain decimal id/seq of ≤ 15 digits without a leading zero (most
 * venues: Binance, Coinbase, OKX, …) is stored EXACTLY (hi = value / 2^32 with the type tag in
 * bits 20-23, top bit clear), so those ids can never collide. Anything else (UUIDs, content) is
 * hashed with the top bit of hi set, ~2^-63 collision probability within one key.
 */
export class EventIdentity {
  private static readonly hasher = new IdHasher();

  /** Writes the identity of `event` into `out` (reused by the caller: no allocation) and returns it. */
  static compute(event: UnifiedEvent, out: EventId): EventId {
    switch (event.type) {
      case 'trade':
        return EventIdentity.fromIdText(event.id, TAG.trade, out);
      case 'book':
        if (event.seq !== null && event.seq !== undefined) {
          return EventIdentity.fromIdText(
            event.seq,
            event.snapshot ? TAG.bookSnapshot : TAG.book,
            out,
          );
        }
        return EventIdentity.bookContent(
          event.snapshot ? TAG.bookSnapshotContent : TAG.bookContent,
          event.ts,
          event.bids,
          event.asks,
          out,
        );
      case 'bbo': {
        const h = EventIdentity.hasher.reset(TAG.bbo).num(event.ts);
        h.decimal(event.bidPrice.mantissa, event.bidPrice.exponent);
        h.decimal(event.bidAmount.mantissa, event.bidAmount.exponent);
        h.decimal(event.askPrice.mantissa, event.askPrice.exponent);
        h.decimal(event.askAmount.mantissa, event.askAmount.exponent);
        return EventIdentity.finish(h, out);
      }
      case 'candle': {
        const h = EventIdentity.hasher.reset(TAG.candle).num(event.ts).str(event.interval);
        h.num(event.start).num(event.end).num(event.trades);
        for (const d of [event.open, event.high, event.low, event.close, event.volume]) {
          h.decimal(d.mantissa, d.exponent);
        }
        return EventIdentity.finish(h, out);
      }
      case 'status': {
        const h = EventIdentity.hasher.reset(TAG.status).num(event.ts);
        h.str(event.state).str(event.reason).int(event.gaps.length);
        for (const g of event.gaps) h.str(g.from).str(g.to);
        return EventIdentity.finish(h, out);
      }
      case 'alert': {
        const h = EventIdentity.hasher.reset(TAG.alert).num(event.ts);
        h.str(event.kind).str(event.severity).str(event.detail);
        return EventIdentity.finish(h, out);
      }
      default:
        throw new DedupInvalidEventError(
          `unknown event type ${String((event as { type?: unknown }).type)}`,
        );
    }
  }

  /** Readable form for logs and tests, e.g. `0x00100000:0000007b`. */
  static format(id: EventId): string {
    const hex = (n: number): string => (n >>> 0).toString(16).padStart(8, '0');
    return `0x${hex(id.hi)}:${hex(id.lo)}`;
  }

  private static fromIdText(text: string, tag: number, out: EventId): EventId {
    const n = text.length;
    if (n > 0 && n <= MAX_EXACT_DIGITS && (n === 1 || text.charCodeAt(0) !== 48)) {
      let v = 0;
      let i = 0;
      for (; i < n; i++) {
        const d = text.charCodeAt(i) - 48;
        if (d < 0 || d > 9) break;
        v = v * 10 + d;
      }
      if (i === n) {
        out.hi = (v / TWO_32) | (tag << 20) | 0;
        out.lo = v | 0; // low 32 bits: ToInt32 is modulo 2^32, exact for integers < 2^53
        return out;
      }
    }
    return EventIdentity.finish(EventIdentity.hasher.reset(tag).str(text), out);
  }

  private static bookContent(
    tag: number,
    ts: number,
    bids: readonly BookLevel[],
    asks: readonly BookLevel[],
    out: EventId,
  ): EventId {
    const h = EventIdentity.hasher.reset(tag).num(ts).int(bids.length).int(asks.length);
    for (let i = 0; i < bids.length; i++) {
      const [p, a] = bids[i];
      h.decimal(p.mantissa, p.exponent).decimal(a.mantissa, a.exponent);
    }
    for (let i = 0; i < asks.length; i++) {
      const [p, a] = asks[i];
      h.decimal(p.mantissa, p.exponent).decimal(a.mantissa, a.exponent);
    }
    return EventIdentity.finish(h, out);
  }

  private static finish(h: IdHasher, out: EventId): EventId {
    out.hi = h.hi | HASHED;
    out.lo = h.lo;
    return out;
  }
}
