import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type BboEvent,
  type BookEvent,
  Decimal,
  type TakerSide,
  toJsonEvent,
  type TradeEvent,
} from '@feedgate/core';
import {
  bboText,
  bookText,
  jsonNumber,
  jsonString,
  messageHead,
  tradeText,
} from './data-message.writer';
import { dataMessage } from './outbound-message';

const decimal = fc
  .tuple(
    fc.oneof(fc.bigInt({ min: -1_000_000n, max: 1_000_000n }), fc.bigInt({ min: -(2n ** 80n) })),
    fc.integer({ min: -30, max: 30 }),
  )
  .map(([m, e]) => Decimal.fromParts(m, e));
const text = fc.oneof(
  fc.constantFrom('binance', 'BTC-USDT', 'BTCUSDT', '123456789', ''),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.constantFrom('a"b', 'a\\b', '\u0000', '\u001f', '\u007f', '\ud800', 'x\udc00', '😀', 'é'),
);
const time = fc.oneof(
  fc.integer({ min: 1_600_000_000_000, max: 1_800_000_000_000 }),
  fc.double(),
  fc.constantFrom(0, -0, NaN, Infinity, -Infinity, 1_764_000_000_000.125),
);
const base = { exchange: text, symbol: text, nativeSymbol: text, ts: time, localTs: time };
const side = fc.constantFrom<TakerSide>('buy', 'sell', 'unknown');

const trade: fc.Arbitrary<TradeEvent> = fc.record({
  type: fc.constant('trade' as const),
  ...base,
  id: text,
  price: decimal,
  amount: decimal,
  side,
});
const bbo: fc.Arbitrary<BboEvent> = fc.record({
  type: fc.constant('bbo' as const),
  ...base,
  bidPrice: decimal,
  bidAmount: decimal,
  askPrice: decimal,
  askAmount: decimal,
});
const levels = fc.array(fc.tuple(decimal, decimal), { maxLength: 4 });
const seq = fc.option(text, { nil: null });
const book: fc.Arbitrary<BookEvent> = fc.record(
  {
    type: fc.constant('book' as const),
    ...base,
    snapshot: fc.boolean(),
    bids: levels,
    asks: levels,
    seq,
    prevSeq: seq,
    checksumValid: fc.boolean(),
  },
  {
    requiredKeys: [
      'type',
      'exchange',
      'symbol',
      'nativeSymbol',
      'ts',
      'localTs',
      'snapshot',
      'bids',
      'asks',
      'seq',
    ],
  },
);

describe('data message writer', () => {
  it('writes trades byte for byte like dataMessage(toJsonEvent)', () => {
    fc.assert(
      fc.property(trade, (e) => {
        expect(tradeText(messageHead('trades', e), e)).toBe(dataMessage('trades', toJsonEvent(e)));
      }),
      { numRuns: 2000 },
    );
  });

  it('writes bbos byte for byte like dataMessage(toJsonEvent)', () => {
    fc.assert(
      fc.property(bbo, (e) => {
        expect(bboText(messageHead('bbo', e), e)).toBe(dataMessage('bbo', toJsonEvent(e)));
      }),
      { numRuns: 2000 },
    );
  });

  it('writes books (optional fields only when set) byte for byte like dataMessage(toJsonEvent)', () => {
    fc.assert(
      fc.property(book, (e) => {
        expect(bookText(messageHead('book', e), e)).toBe(dataMessage('book', toJsonEvent(e)));
      }),
      { numRuns: 2000 },
    );
  });

  it('quotes and prints like JSON.stringify', () => {
    for (const s of ['', 'plain', 'q"', 'b\\', '\n', '\ud83d', '\ud83d\ude00', '\u2028']) {
      expect(jsonString(s)).toBe(JSON.stringify(s));
    }
    for (const n of [0, -0, 1.5, -2e-7, 1e21, NaN, Infinity, -Infinity, 1_764_000_000_000.25]) {
      expect(jsonNumber(n)).toBe(JSON.stringify(n));
    }
  });
});
