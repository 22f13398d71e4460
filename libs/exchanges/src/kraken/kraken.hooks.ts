import type { BboEvent, BookEvent, BookLevel, TradeEvent, UnifiedEvent } from '@feedgate/core';
import type { ParseResult } from '../exchange-parser';
import { FrameParseError } from '../frame-parse.error';
import type { GeneratedParserBase } from '../generated-parser.base';
import { byteDecimal, byteTs } from '../scan/direct-scan';
import { FRAME_BYTES, STRING_BYTE, byteStringEnd, loadFrameBytes } from '../scan/frame-bytes';
import { epochMs } from '../scan/time-text';

// Bound once at load, so V8 folds the buffer into directTrades (see FRAME_BYTES).
const B = FRAME_BYTES;
/** v1 frames have at most [channelID, payload, payload, channelName, pair]. */
const MAX_SLOTS = 6;

/**
 * Kraken WebSocket v1 data frames are arrays addressed by position, not objects:
 * `[channelID, payload(s)..., channelName, pair]` with one or (books) two payload objects.
 * That shape does not fit key-based routes, so it is this hand-written quirk hook.
 * The scanner cursor is on the opening bracket.
 */
export function krakenV1ArrayFrame(p: GeneratedParserBase, localTs: number): ParseResult {
  const s = p.s;
  if (s.esc < 0 && s.pos === 0) {
    const direct = directTrades(p, s.text, localTs);
    if (direct !== undefined) return direct;
  }
  const slots: number[] = [];
  s.enterArray();
  while (s.nextItem()) {
    if (slots.length === MAX_SLOTS)
      throw new FrameParseError('BAD_VALUE', 'v1 frame has too many elements');
    slots.push(s.pos);
    s.skipValue();
  }
  p.assertEnd();
  if (slots.length < 4) throw new FrameParseError('UNKNOWN_MESSAGE', 'v1 frame too short');
  const channel = s.stringAt(slots[slots.length - 2], 'channelName');
  const nativeSymbol = s.stringAt(slots[slots.length - 1], 'pair');
  const payloads = slots.slice(1, -2);
  const base = { exchange: 'kraken', symbol: p.sym(nativeSymbol), nativeSymbol, localTs };
  if (channel === 'trade') return { kind: 'events', events: trades(p, payloads[0], base) };
  if (channel === 'ticker') return { kind: 'events', events: [ticker(p, payloads[0], base)] };
  if (channel === 'spread') return { kind: 'events', events: [spread(p, payloads[0], base)] };
  if (channel.startsWith('book-')) return { kind: 'events', events: [book(p, payloads, base)] };
  if (channel.startsWith('ohlc-')) return p.noEvents();
  throw new FrameParseError('UNKNOWN_MESSAGE', `unknown v1 channel ${channel}`);
}

type Base = Pick<UnifiedEvent, 'exchange' | 'symbol' | 'nativeSymbol' | 'localTs'>;

/** Rows [price, volume, time, side, orderType, misc]; side is the taker's (b/s). */
function trades(p: GeneratedParserBase, at: number, base: Base): TradeEvent[] {
  const s = p.s;
  const rows: number[] = [];
  s.pos = s.need(at, 'trades');
  s.enterArray();
  while (s.nextItem()) {
    rows.push(s.pos);
    s.skipValue();
  }
  return rows.map((row, i): TradeEvent => {
    const price = s.scalarAt(s.indexAt(row, 0), 'price');
    const volume = s.scalarAt(s.indexAt(row, 1), 'volume');
    const time = s.scalarAt(s.indexAt(row, 2), 'time');
    const side = s.scalarAt(s.indexAt(row, 3), 'side');
    return {
      type: 'trade',
      ...base,
      ts: epochMs(time, 's'),
      // v1 trades carry no id. This one is synthesized from what every replica receives
      // identically (µs time, price, volume, position in the frame) so dedup still matches.
      id: `${time}-${price}-${volume}-${i}`,
      price: s.decimalAt(s.indexAt(row, 0), 'price'),
      amount: s.decimalAt(s.indexAt(row, 1), 'volume'),
      side: side === 'b' ? 'buy' : side === 's' ? 'sell' : 'unknown',
    };
  });
}

/** a/b = [price, wholeLotVolume, lotVolume]: the amount is lotVolume. No timestamp in v1. */
function ticker(p: GeneratedParserBase, at: number, base: Base): BboEvent {
  const s = p.s;
  const a = s.keyAt(at, 'a');
  const b = s.keyAt(at, 'b');
  return {
    type: 'bbo',
    ...base,
    ts: base.localTs,
    bidPrice: s.decimalAt(s.indexAt(b, 0), 'b[0]'),
    bidAmount: s.decimalAt(s.indexAt(b, 2), 'b[2]'),
    askPrice: s.decimalAt(s.indexAt(a, 0), 'a[0]'),
    askAmount: s.decimalAt(s.indexAt(a, 2), 'a[2]'),
  };
}

/** [bid, ask, timestamp, bidVolume, askVolume] */
function spread(p: GeneratedParserBase, at: number, base: Base): BboEvent {
  const s = p.s;
  return {
    type: 'bbo',
    ...base,
    ts: epochMs(s.scalarAt(s.indexAt(at, 2), 'timestamp'), 's'),
    bidPrice: s.decimalAt(s.indexAt(at, 0), 'bid'),
    bidAmount: s.decimalAt(s.indexAt(at, 3), 'bidVolume'),
    askPrice: s.decimalAt(s.indexAt(at, 1), 'ask'),
    askAmount: s.decimalAt(s.indexAt(at, 4), 'askVolume'),
  };
}

/**
 * Snapshot payload {as, bs}; updates {a}, {b} or {a},{b,c} in one or two slots; levels are
 * [price, volume, time(, "r")]. No message time, and v1 snapshots carry no checksum, so the
 * `c` of updates is left to the connector's maintained book (krakenChecksum).
 */
function book(p: GeneratedParserBase, payloads: readonly number[], base: Base): BookEvent {
  const s = p.s;
  let bids: BookLevel[] = [];
  let asks: BookLevel[] = [];
  let snapshot = false;
  for (const at of payloads) {
    const as = s.keyAt(at, 'as');
    const bs = s.keyAt(at, 'bs');
    if (as >= 0 || bs >= 0) {
      snapshot = true;
      if (as >= 0) asks = s.levelsAt(as, 'as', 0, 1);
      if (bs >= 0) bids = s.levelsAt(bs, 'bs', 0, 1);
      continue;
    }
    const a = s.keyAt(at, 'a');
    const b = s.keyAt(at, 'b');
    if (a >= 0) asks = asks.concat(s.levelsAt(a, 'a', 0, 1));
    if (b >= 0) bids = bids.concat(s.levelsAt(b, 'b', 0, 1));
  }
  return { type: 'book', ...base, ts: base.localTs, snapshot, bids, asks, seq: null };
}

/** Spans of the rows of one frame (4 values × [start, end) per row), at most 1000 rows. */
const SPANS = new Int32Array(4 * 2 * 1000 + 8);
/** `-<row>` of the synthesized trade ids, made once for the usual row counts. */
const ROW_SUFFIX = Array.from({ length: 64 }, (_, i) => `-${i}`);
const rowSuffix = (i: number): string => (i < ROW_SUFFIX.length ? ROW_SUFFIX[i] : `-${i}`);

/** `],"trade","`: the end of the rows, the channel name and the pair's opening quote. */
const TRADE_TAIL = [93, 44, 34, 116, 114, 97, 100, 101, 34, 44, 34];

/**
 * The hot v1 shape `[channelID,[[price,volume,time,side,type,misc],…],"trade","PAIR"]` in one
 * pass over the frame's bytes (FRAME_BYTES): each row is read once, every string ends at its
 * quote (a backslash sends the frame to the general path). Produces exactly what the general
 * path below does; anything else returns undefined and takes that path.
 */
function directTrades(p: GeneratedParserBase, t: string, localTs: number): ParseResult | undefined {
  if (!loadFrameBytes(t)) return undefined;
  let i = 1;
  while (B[i] >= 48 && B[i] <= 57) i++;
  if (i === 1 || B[i] !== 44 || B[i + 1] !== 91) return undefined;
  i += 2;
  // spans of price, volume, time, side per row: [a0, e0, a1, e1, …] (quotes included)
  const spans = SPANS;
  let ns = 0;
  for (;;) {
    if (B[i] !== 91) return undefined;
    i++;
    let n = 0;
    for (;;) {
      if (B[i] !== 34) return undefined;
      let e = i + 1;
      while ((STRING_BYTE[B[e]] & STRING_BYTE[B[e + 1]] & STRING_BYTE[B[e + 2]]) === 1) e += 3;
      while (STRING_BYTE[B[e]] === 1) e++;
      if (B[e++] !== 34) return undefined;
      if (n++ < 4) {
        spans[ns++] = i;
        spans[ns++] = e;
      }
      i = e;
      const c = B[i++];
      if (c === 93) break;
      if (c !== 44) return undefined;
    }
    if (n < 4 || ns > SPANS.length - 8) return undefined;
    const c = B[i++];
    if (c === 93) break;
    if (c !== 44) return undefined;
  }
  i--;
  for (let k = 0; k < TRADE_TAIL.length; k++) if (B[i + k] !== TRADE_TAIL[k]) return undefined;
  const pairStart = i + TRADE_TAIL.length - 1;
  const pairEnd = byteStringEnd(pairStart);
  if (pairEnd < 0 || pairEnd + 1 !== t.length || B[pairEnd] !== 93) return undefined;
  const nativeSymbol = t.slice(pairStart + 1, pairEnd - 1);
  const symbol = p.sym(nativeSymbol);
  const events: TradeEvent[] = [];
  for (let r = 0; r < ns; r += 8) {
    const price = t.slice(spans[r] + 1, spans[r + 1] - 1);
    const volume = t.slice(spans[r + 2] + 1, spans[r + 3] - 1);
    const sideAt = spans[r + 6] + 1;
    const side = spans[r + 7] - sideAt === 2 ? B[sideAt] : 0;
    events.push({
      type: 'trade',
      exchange: 'kraken',
      symbol,
      nativeSymbol,
      localTs,
      ts: byteTs(t, spans[r + 4], spans[r + 5], 's'),
      id:
        t.slice(spans[r + 4] + 1, spans[r + 5] - 1) +
        '-' +
        price +
        '-' +
        volume +
        rowSuffix(r >> 3),
      price: byteDecimal(t, spans[r], spans[r + 1]),
      amount: byteDecimal(t, spans[r + 2], spans[r + 3]),
      side: side === 98 /* b */ ? 'buy' : side === 115 /* s */ ? 'sell' : 'unknown',
    });
  }
  return { kind: 'events', events };
}
