import type { AlertSeverity, CandleInterval, FeedState, TakerSide } from '@feedgate/core';

/**
 * Wire format v1 (all multi-byte fixed fields little-endian):
 *
 *   frame  := magic "FG" (0x46 0x47) · version u8 · flags u8 (0) · gateId str · replica u8
 *             ('A'|'B') · epoch uvarint · frameSeq uvarint · firstEventTime f64 · count u32 · event*
 *   event  := type-tag u8 · exchange sref · symbol sref · nativeSymbol sref · ts time · localTs time
 *             · body (per type, see FrameEncoder)
 *   sref   := uvarint i; i < table size → table[i]; i = table size → str follows and is appended
 *             (the per-frame string table is defined on first use, so encoding is one pass)
 *   str    := uvarint byteLength · UTF-8 bytes
 *   idstr  := uvarint h; odd → canonical decimal digits of (h-1)/2; even → h/2 UTF-8 bytes follow
 *   snum   := sign-magnitude varint: byte 0 = cont(1) · 6 low magnitude bits · sign(1), then 7-bit
 *             groups; the byte 0x01 ("negative zero") is an ESCAPE for a slow-path form
 *   decimal:= mantissa snum (|m| < 2^53) | ESCAPE · sign u8 · uvarint n · n magnitude bytes (LE);
 *             then exponent as zigzag int32 uvarint
 *   time   := snum v = 2d (whole ms, d = t - floor(firstEventTime)) or 2d±1 (whole µs, d in µs)
 *             | ESCAPE · f64 (anything else: sub-µs fractions, NaN, ±Infinity, -0, huge values)
 */
export const MAGIC_0 = 0x46;
export const MAGIC_1 = 0x47;
export const FORMAT_VERSION = 1;
/** Bytes before the event count: magic(2) + version + flags; the rest of the header is variable. */
export const PREAMBLE_BYTES = 4;
export const ESCAPE = 0x01;
/** Smallest possible encoded event (tag + 3 srefs + 2 times), used to bound counts before allocating. */
export const MIN_EVENT_BYTES = 6;
/** Largest |d| in a time snum, so that 2|d|+1 stays a safe integer. */
export const MAX_TIME_DELTA = 2 ** 52 - 1;

export const TAG_TRADE = 1;
export const TAG_BOOK = 2;
export const TAG_BBO = 3;
export const TAG_CANDLE = 4;
export const TAG_STATUS = 5;
export const TAG_ALERT = 6;

// Book flags byte: bit 0 snapshot, bit 1 seq present (else null), bits 2-3 prevSeq, bits 4-5 checksumValid.
export const BOOK_SNAPSHOT = 0x01;
export const BOOK_SEQ = 0x02;
export const BOOK_PREV_NULL = 0x04;
export const BOOK_PREV_STR = 0x08;
export const BOOK_CHECK_FALSE = 0x10;
export const BOOK_CHECK_TRUE = 0x20;
export const BOOK_FLAGS_MASK = 0x3f;

// Enumerations travel as their index in these tables; the order is part of the wire format.
export const SIDES: readonly TakerSide[] = ['buy', 'sell', 'unknown'];
export const INTERVALS: readonly CandleInterval[] = ['1s', '1m', '5m', '1h'];
export const SEVERITIES: readonly AlertSeverity[] = ['info', 'warning', 'critical'];
export const FEED_STATES: readonly FeedState[] = [
  'connecting',
  'subscribing',
  'live',
  'stale',
  'backoff',
  'reconnecting',
  'stopped',
  'gap',
  'resync',
];

/**
 * Base that event times are delta-encoded against; encoder and decoder must compute the same
 * value, and base·1000 (the µs base) must be exact.
 */
export function timeBase(firstEventTime: number): number {
  const base = Math.floor(firstEventTime);
  return Number.isSafeInteger(base * 1000) ? base : 0;
}
