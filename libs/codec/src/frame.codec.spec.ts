import fc from 'fast-check';
import { Decimal, type UnifiedEvent } from '@feedgate/core';
import { describe, expect, it } from 'vitest';
import { comparable, eventArb, headerArb } from './event.arbitrary';
import { FrameDecoder } from './frame.decoder';
import { FrameEncoder } from './frame.encoder';
import type { FrameHeader } from './frame-header';

const header: FrameHeader = {
  gateId: 'gate-7',
  replica: 'A',
  epoch: 3,
  frameSeq: 41,
  firstEventTime: 1_700_000_000_000,
};
const D = (s: string): Decimal => Decimal.parse(s);
const base = {
  exchange: 'binance',
  symbol: 'BTC-USDT',
  nativeSymbol: 'BTCUSDT',
  ts: 1_700_000_000_001.5,
  localTs: 1_700_000_000_003,
};

describe('FrameEncoder / FrameDecoder round trip', () => {
  const encoder = new FrameEncoder({ initialBytes: 64 });
  const decoder = new FrameDecoder();

  it('round-trips arbitrary frames of every event type exactly', () => {
    fc.assert(
      fc.property(headerArb, fc.array(eventArb, { maxLength: 12 }), (h, events) => {
        const frame = decoder.decode(encoder.encode(h, events));
        expect(comparable(frame.header)).toStrictEqual(
          comparable({ version: 1, ...h, eventCount: events.length }),
        );
        expect(frame.events.map(comparable)).toStrictEqual(events.map(comparable));
      }),
      { numRuns: 300 },
    );
  });

  it('keeps optional book fields absent when they were absent', () => {
    const book: UnifiedEvent = {
      type: 'book',
      ...base,
      snapshot: false,
      bids: [],
      asks: [[D('1.5'), D('0')]],
      seq: null,
    };
    const [decoded] = decoder.decode(encoder.encode(header, [book])).events;
    expect('prevSeq' in decoded).toBe(false);
    expect('checksumValid' in decoded).toBe(false);
    const withNulls = { ...book, prevSeq: null, checksumValid: false };
    const [again] = decoder.decode(encoder.encode(header, [withNulls])).events;
    expect(again).toMatchObject({ prevSeq: null, checksumValid: false, seq: null });
  });

  it('decodes Decimals with the exact mantissa and exponent, including trailing zeros', () => {
    const trade: UnifiedEvent = {
      type: 'trade',
      ...base,
      id: '0042',
      price: D('65000.120'),
      amount: D('-1e-9'),
      side: 'sell',
    };
    const [t] = decoder.decode(encoder.encode(header, [trade])).events;
    if (t.type !== 'trade') throw new Error('expected a trade');
    expect(t.price).toBeInstanceOf(Decimal);
    expect([t.price.mantissa, t.price.exponent]).toEqual([65000120n, -3]);
    expect([t.amount.mantissa, t.amount.exponent]).toEqual([-1n, -9]);
    expect(t.id).toBe('0042');
  });

  it('carries a frame of 5000 events and 500-level books', () => {
    const levels = Array.from(
      { length: 500 },
      (_, i) => [D(`${60000 + i}.5`), D(`0.${i + 1}`)] as const,
    );
    const events: UnifiedEvent[] = Array.from({ length: 5000 }, (_, i) =>
      i % 100 === 0
        ? { type: 'book', ...base, snapshot: true, bids: levels, asks: levels, seq: String(i) }
        : {
            type: 'trade',
            ...base,
            ts: base.ts + i,
            id: String(1e9 + i),
            price: D('1.25'),
            amount: D(String(i)),
            side: 'buy',
          },
    );
    const frame = decoder.decode(encoder.encode(header, events));
    expect(frame.events.length).toBe(5000);
    expect(frame.events.map(comparable)).toStrictEqual(events.map(comparable));
  });

  it('writes each repeated string once per frame', () => {
    const trade = (i: number): UnifiedEvent => ({
      type: 'trade',
      ...base,
      id: String(i),
      price: D('1'),
      amount: D('1'),
      side: 'buy',
    });
    const one = encoder.encode(header, [trade(1)]).length;
    const two = encoder.encode(header, [trade(1), trade(2)]).length;
    // The second event re-uses the three interned strings: one byte each, not their text.
    expect(two - one).toBeLessThan(20);
    expect(two - one).toBeLessThan('binanceBTC-USDTBTCUSDT'.length);
  });

  it('does not confuse strings cached from an earlier frame with new ones in the same slot', () => {
    const at = (exchange: string, symbol: string): UnifiedEvent => ({
      type: 'bbo',
      ...base,
      exchange,
      symbol,
      bidPrice: D('1'),
      bidAmount: D('1'),
      askPrice: D('2'),
      askAmount: D('1'),
    });
    for (const [ex, sym] of [
      ['okx', 'BTC-USDT'],
      ['okx', 'BTC-USDC'],
      ['okx', 'BTC-USDC'],
      ['bybit', 'ETH-USDC'],
    ]) {
      const [e] = decoder.decode(encoder.encode(header, [at(ex, sym)])).events;
      expect([e.exchange, e.symbol]).toEqual([ex, sym]);
    }
  });

  it('supports begin/add/finish with byteLength for size-based batching', () => {
    encoder.begin(header);
    expect(encoder.eventCount).toBe(0);
    const empty = encoder.byteLength;
    encoder.add({
      type: 'alert',
      ...base,
      kind: 'stale-feed',
      severity: 'warning',
      detail: 'no data 5s',
    });
    expect(encoder.byteLength).toBeGreaterThan(empty);
    const frame = decoder.decode(encoder.finish());
    expect(frame.header.eventCount).toBe(1);
    expect(frame.events[0]).toMatchObject({ type: 'alert', detail: 'no data 5s' });
    expect(decoder.decodeHeader(encoder.encode(header, [])).frameSeq).toBe(41);
  });

  it('is much smaller than JSON for typical trades', () => {
    const events: UnifiedEvent[] = Array.from({ length: 100 }, (_, i) => ({
      type: 'trade',
      ...base,
      ts: base.ts + i,
      id: String(3e9 + i),
      price: D(`65000.${i}`),
      amount: D('0.0031'),
      side: 'buy',
    }));
    const json = JSON.stringify(
      events.map((e) => comparable(e)),
      (_k, v) => (typeof v === 'bigint' ? String(v) : v),
    );
    expect(encoder.encode(header, events).length).toBeLessThan(json.length * 0.25);
  });
});
