import type { TradeEvent } from '@feedgate/core';
import { IdHasher, type EventId } from '@feedgate/dedup';

const TAG_TRADE = 1;
const TWO_32 = 4294967296;
const HASHED = 0x80000000 | 0;

/**
 * Trade identity as EventIdentity computed it before (frozen copy, benchmark only): numeric ids
 * exact, other ids hashed two UTF-16 units per mixing round (now four one-byte characters).
 */
export class BaselineTradeIdentity {
  private static readonly hasher = new IdHasher();

  static compute(event: TradeEvent, out: EventId): EventId {
    const text = event.id;
    const n = text.length;
    if (n > 0 && n <= 15 && (n === 1 || text.charCodeAt(0) !== 48)) {
      let v = 0;
      let i = 0;
      for (; i < n; i++) {
        const d = text.charCodeAt(i) - 48;
        if (d < 0 || d > 9) break;
        v = v * 10 + d;
      }
      if (i === n) {
        out.hi = (v / TWO_32) | (TAG_TRADE << 20) | 0;
        out.lo = v | 0;
        return out;
      }
    }
    const h = BaselineTradeIdentity.hasher.reset(TAG_TRADE).int(n);
    let i = 0;
    for (; i + 1 < n; i += 2) h.int(text.charCodeAt(i) | (text.charCodeAt(i + 1) << 16));
    if (i < n) h.int(text.charCodeAt(i));
    out.hi = h.hi | HASHED;
    out.lo = h.lo;
    return out;
  }
}
