import type { BboEvent, BookEvent, BookLevel, TradeEvent } from '@feedgate/core';

/**
 * The data messages of the high-rate event types (trade, bbo, book), written by hand instead
 * of toJsonEvent + JSON.stringify: the same bytes (data-message.writer.spec.ts checks them
 * against dataMessage(channel, toJsonEvent(e)) on arbitrary events) without the intermediate
 * JSON-form object and the generic property walk. The head of a message up to `"ts":` only
 * depends on the channel and the instrument, so MarketFeed renders it once per instrument
 * (`messageHead`) and passes it in.
 */

/** JSON.stringify(s) for a string: quoted as is when nothing in it needs an escape. */
export function jsonString(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // Control characters, `"`, `\` and (possibly lone) surrogates: JSON.stringify decides.
    if (c < 0x20 || c === 0x22 || c === 0x5c || (c >= 0xd800 && c <= 0xdfff)) {
      return JSON.stringify(s);
    }
  }
  return '"' + s + '"';
}

/** JSON.stringify(n) for a number: non-finite numbers are `null`. */
export function jsonNumber(n: number): string {
  return Number.isFinite(n) ? '' + n : 'null';
}

type HeadEvent = Pick<
  TradeEvent | BboEvent | BookEvent,
  'type' | 'exchange' | 'symbol' | 'nativeSymbol'
>;

/** `{"op":"data","channel":…,"data":{"type":…,"exchange":…,"symbol":…,"nativeSymbol":…,"ts":`. */
export function messageHead(channel: string, e: HeadEvent): string {
  return (
    `{"op":"data","channel":${jsonString(channel)},"data":{"type":${jsonString(e.type)}` +
    `,"exchange":${jsonString(e.exchange)},"symbol":${jsonString(e.symbol)}` +
    `,"nativeSymbol":${jsonString(e.nativeSymbol)},"ts":`
  );
}

/** The whole trade message; `head` is messageHead('trades', e). */
export function tradeText(head: string, e: TradeEvent): string {
  // Decimal strings are digits, '-' and '.': nothing to escape.
  return (
    head +
    jsonNumber(e.ts) +
    ',"localTs":' +
    jsonNumber(e.localTs) +
    ',"id":' +
    jsonString(e.id) +
    ',"price":"' +
    e.price.toString() +
    '","amount":"' +
    e.amount.toString() +
    '","side":' +
    jsonString(e.side) +
    '}}'
  );
}

/** The whole bbo message; `head` is messageHead('bbo', e). */
export function bboText(head: string, e: BboEvent): string {
  return (
    head +
    jsonNumber(e.ts) +
    ',"localTs":' +
    jsonNumber(e.localTs) +
    ',"bidPrice":"' +
    e.bidPrice.toString() +
    '","bidAmount":"' +
    e.bidAmount.toString() +
    '","askPrice":"' +
    e.askPrice.toString() +
    '","askAmount":"' +
    e.askAmount.toString() +
    '"}}'
  );
}

/** The whole book message; `head` is messageHead('book', e). Optional fields only when set. */
export function bookText(head: string, e: BookEvent): string {
  let s =
    head +
    jsonNumber(e.ts) +
    ',"localTs":' +
    jsonNumber(e.localTs) +
    ',"snapshot":' +
    (e.snapshot ? 'true' : 'false') +
    ',"bids":' +
    levelsText(e.bids) +
    ',"asks":' +
    levelsText(e.asks) +
    ',"seq":' +
    nullableString(e.seq);
  if (e.prevSeq !== undefined) s += ',"prevSeq":' + nullableString(e.prevSeq);
  if (e.checksumValid !== undefined)
    s += ',"checksumValid":' + (e.checksumValid ? 'true' : 'false');
  return s + '}}';
}

function nullableString(s: string | null): string {
  return s === null ? 'null' : jsonString(s);
}

function levelsText(levels: readonly BookLevel[]): string {
  if (levels.length === 0) return '[]';
  let s = '[["' + levels[0][0].toString() + '","' + levels[0][1].toString() + '"]';
  for (let i = 1; i < levels.length; i++) {
    s += ',["' + levels[i][0].toString() + '","' + levels[i][1].toString() + '"]';
  }
  return s + ']';
}
