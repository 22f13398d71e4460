import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal } from '../decimal/decimal';
import { eventKey } from './event-key';
import { fromJsonEvent, toJsonEvent, type JsonUnifiedEvent } from './event-json';
import { InvalidEventError } from './invalid-event.error';
import type { UnifiedEvent } from './unified-event';

const D = (s: string) => Decimal.parse(s);
const head = {
  exchange: 'binance',
  symbol: 'BTC-USDT',
  nativeSymbol: 'BTCUSDT',
  ts: 1719561600123.25,
  localTs: 1719561600130,
} as const;

const samples: UnifiedEvent[] = [
  {
    type: 'trade',
    ...head,
    id: '18239578009',
    price: D('61234.50'),
    amount: D('0.00426990'),
    side: 'buy',
  },
  {
    type: 'book',
    ...head,
    snapshot: false,
    bids: [[D('61234.5'), D('0')]],
    asks: [
      [D('61235'), D('1.5')],
      [D('61236.10'), D('9.2E-7')],
    ],
    seq: '1001',
    prevSeq: '1000',
    checksumValid: true,
  },
  { type: 'book', ...head, snapshot: true, bids: [], asks: [], seq: null },
  {
    type: 'bbo',
    ...head,
    bidPrice: D('61234.5'),
    bidAmount: D('2'),
    askPrice: D('61235.0'),
    askAmount: D('0.1'),
  },
  {
    type: 'candle',
    ...head,
    interval: '1m',
    open: D('1'),
    high: D('2.5'),
    low: D('0.5'),
    close: D('2'),
    volume: D('10.000'),
    trades: 7,
    start: 1719561600000,
    end: 1719561660000,
  },
  { type: 'status', ...head, state: 'gap', reason: 'seq jump', gaps: [{ from: '5', to: '9' }] },
  { type: 'alert', ...head, kind: 'crossed-book', severity: 'warning', detail: 'bid ≥ ask' },
];

/** Decimal-aware structural equality: Decimals compare by mantissa AND exponent. */
const same = (a: unknown, b: unknown): void =>
  expect(JSON.stringify(a, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v))).toBe(
    JSON.stringify(b, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v)),
  );

describe('toJsonEvent / fromJsonEvent', () => {
  it.each(samples.map((s) => [s.type, s] as const))('%s round-trips through JSON text', (_t, e) => {
    const json = toJsonEvent(e);
    const back = fromJsonEvent(JSON.parse(JSON.stringify(json)));
    same(back, e);
    for (const k of ['price', 'amount', 'bidPrice', 'open'] as const) {
      const d = (back as unknown as Record<string, unknown>)[k];
      if (d !== undefined) expect(d).toBeInstanceOf(Decimal);
    }
  });

  it('writes decimals as exact strings, keeping trailing zeros, fields in contract order', () => {
    const json = toJsonEvent(samples[0]);
    expect(JSON.stringify(json)).toBe(
      '{"type":"trade","exchange":"binance","symbol":"BTC-USDT","nativeSymbol":"BTCUSDT",' +
        '"ts":1719561600123.25,"localTs":1719561600130,"id":"18239578009","price":"61234.50",' +
        '"amount":"0.00426990","side":"buy"}',
    );
    const book = toJsonEvent(samples[1]);
    expect(book).toMatchObject({
      asks: [
        ['61235', '1.5'],
        ['61236.10', '0.00000092'],
      ],
    });
    expect('prevSeq' in toJsonEvent(samples[2])).toBe(false);
  });

  it('ignores unknown fields', () => {
    const json = { ...toJsonEvent(samples[0]), extra: 1 };
    expect('extra' in fromJsonEvent(json)).toBe(false);
  });

  const trade = toJsonEvent(samples[0]) as Record<string, unknown>;
  const book = toJsonEvent(samples[1]) as Record<string, unknown>;
  const candle = toJsonEvent(samples[4]) as Record<string, unknown>;
  const status = toJsonEvent(samples[5]) as Record<string, unknown>;
  it.each<[string, unknown, string]>([
    ['root null', null, '$'],
    ['root array', [], '$'],
    ['unknown type', { ...trade, type: 'tick' }, 'type'],
    ['unknown exchange', { ...trade, exchange: 'ftx' }, 'exchange'],
    ['upper-case exchange', { ...trade, exchange: 'Binance' }, 'exchange'],
    ['bad symbol', { ...trade, symbol: 'BTCUSDT' }, 'symbol'],
    ['alias symbol', { ...trade, symbol: 'XBT-USD' }, 'symbol'],
    ['empty nativeSymbol', { ...trade, nativeSymbol: '' }, 'nativeSymbol'],
    ['ts string', { ...trade, ts: '1' }, 'ts'],
    ['ts NaN', { ...trade, ts: NaN }, 'ts'],
    ['localTs Infinity', { ...trade, localTs: Infinity }, 'localTs'],
    ['missing id', { ...trade, id: undefined }, 'id'],
    ['price as number', { ...trade, price: 61234.5 }, 'price'],
    ['price not decimal', { ...trade, price: '6e' }, 'price'],
    ['negative amount', { ...trade, amount: '-1' }, 'amount'],
    ['bad side', { ...trade, side: 'bid' }, 'side'],
    ['snapshot not bool', { ...book, snapshot: 'false' }, 'snapshot'],
    ['level not a pair', { ...book, bids: [['1', '2', '3']] }, 'bids[0]'],
    [
      'level price bad',
      {
        ...book,
        asks: [
          ['1', '2'],
          ['x', '1'],
        ],
      },
      'asks[1][0]',
    ],
    ['level amount negative', { ...book, asks: [['1', '-2']] }, 'asks[0][1]'],
    ['bids not array', { ...book, bids: {} }, 'bids'],
    ['seq number', { ...book, seq: 5 }, 'seq'],
    ['prevSeq number', { ...book, prevSeq: 5 }, 'prevSeq'],
    ['checksumValid string', { ...book, checksumValid: 'yes' }, 'checksumValid'],
    ['bad interval', { ...candle, interval: '2m' }, 'interval'],
    ['fractional trades', { ...candle, trades: 1.5 }, 'trades'],
    ['end before start', { ...candle, end: 1 }, 'end'],
    ['negative volume', { ...candle, volume: '-0.1' }, 'volume'],
    ['bad state', { ...status, state: 'dead' }, 'state'],
    ['bad gap', { ...status, gaps: [{ from: 1, to: '2' }] }, 'gaps[0]'],
  ])('rejects %s naming field %s', (_name, input, field) => {
    let err: unknown;
    try {
      fromJsonEvent(input);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InvalidEventError);
    expect((err as InvalidEventError).field).toBe(field);
    expect((err as InvalidEventError).code).toBe('INVALID_EVENT');
  });

  it('random trades round-trip exactly', () => {
    const dec = fc
      .tuple(fc.bigInt({ min: 0n, max: 10n ** 30n }), fc.integer({ min: -18, max: 0 }))
      .map(([m, e]) => Decimal.fromParts(m, e));
    fc.assert(
      fc.property(dec, dec, fc.constantFrom('buy', 'sell', 'unknown'), (price, amount, side) => {
        const e: UnifiedEvent = { type: 'trade', ...head, id: 'x', price, amount, side };
        const json = JSON.parse(JSON.stringify(toJsonEvent(e))) as JsonUnifiedEvent;
        same(fromJsonEvent(json), e);
      }),
    );
  });

  it('never throws anything but InvalidEventError on junk', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        try {
          fromJsonEvent(v);
        } catch (e) {
          expect(e).toBeInstanceOf(InvalidEventError);
        }
      }),
    );
  });
});

describe('eventKey', () => {
  it('is exchange:symbol for both forms', () => {
    expect(eventKey(samples[0])).toBe('binance:BTC-USDT');
    expect(eventKey(toJsonEvent(samples[3]))).toBe('binance:BTC-USDT');
  });
});
