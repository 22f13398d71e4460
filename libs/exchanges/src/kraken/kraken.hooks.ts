import type { BboEvent, BookEvent, BookLevel, TradeEvent, UnifiedEvent } from '@feedgate/core';
import type { ParseResult } from '../exchange-parser';
import { FrameParseError } from '../frame-parse.error';
import type { GeneratedParserBase } from '../generated-parser.base';
import { spanDecimal } from '../scan/direct-scan';
import { epochMsSpan } from '../scan/time-span';
import { epochMs } from '../scan/time-text';

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

const TRADE_TAIL = '],"trade","';

/**
 * The hot v1 shape `[channelID,[[price,volume,time,side,type,misc],…],"trade","PAIR"]` in one
 * pass: each row is read once, its strings found with indexOf (the frame has no backslash).
 * Produces exactly what the general path below does; anything else returns undefined and
 * takes that path.
 */
function directTrades(p: GeneratedParserBase, t: string, localTs: number): ParseResult | undefined {
  let i = 1;
  while (t.charCodeAt(i) >= 48 && t.charCodeAt(i) <= 57) i++;
  if (i === 1 || t.charCodeAt(i) !== 44 || t.charCodeAt(i + 1) !== 91) return undefined;
  i += 2;
  // spans of price, volume, time, side per row: [a0, e0, a1, e1, …] (content, no quotes)
  const spans: number[] = [];
  for (;;) {
    if (t.charCodeAt(i) !== 91) return undefined;
    i++;
    let n = 0;
    for (;;) {
      if (t.charCodeAt(i) !== 34) return undefined;
      const e = t.indexOf('"', i + 1);
      if (e < 0) return undefined;
      if (n++ < 4) spans.push(i + 1, e);
      i = e + 1;
      const c = t.charCodeAt(i++);
      if (c === 93) break;
      if (c !== 44) return undefined;
    }
    if (n < 4 || spans.length > 4 * 2 * 1000) return undefined;
    const c = t.charCodeAt(i++);
    if (c === 93) break;
    if (c !== 44) return undefined;
  }
  if (!t.startsWith(TRADE_TAIL, i - 1)) return undefined;
  const pairStart = i - 1 + TRADE_TAIL.length;
  const pairEnd = t.indexOf('"', pairStart);
  if (pairEnd < 0 || pairEnd + 2 !== t.length || t.charCodeAt(pairEnd + 1) !== 93) return undefined;
  const nativeSymbol = t.slice(pairStart, pairEnd);
  const symbol = p.sym(nativeSymbol);
  const events: TradeEvent[] = [];
  for (let r = 0; r < spans.length; r += 8) {
    const price = t.slice(spans[r], spans[r + 1]);
    const volume = t.slice(spans[r + 2], spans[r + 3]);
    const sideAt = spans[r + 6];
    const side = spans[r + 7] - sideAt === 1 ? t.charCodeAt(sideAt) : 0;
    events.push({
      type: 'trade',
      exchange: 'kraken',
      symbol,
      nativeSymbol,
      localTs,
      ts: epochMsSpan(t, spans[r + 4], spans[r + 5], 's'),
      id: `${t.slice(spans[r + 4], spans[r + 5])}-${price}-${volume}-${r >> 3}`,
      price: spanDecimal(t, spans[r] - 1, spans[r + 1] + 1),
      amount: spanDecimal(t, spans[r + 2] - 1, spans[r + 3] + 1),
      side: side === 98 /* b */ ? 'buy' : side === 115 /* s */ ? 'sell' : 'unknown',
    });
  }
  return { kind: 'events', events };
}
