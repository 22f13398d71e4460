import { Decimal, type UnifiedEvent } from '@feedgate/core';
import { describe, expect, it } from 'vitest';
import { CodecError } from './codec.error';
import { FrameDecoder } from './frame.decoder';
import { FrameEncoder } from './frame.encoder';
import { FRAME_LIMITS, resolveFrameLimits } from './frame-limits';
import type { FrameHeader } from './frame-header';

const header: FrameHeader = { gateId: 'g', replica: 'B', epoch: 0, frameSeq: 0, firstEventTime: 0 };
const base = { exchange: 'okx', symbol: 'BTC-USDT', nativeSymbol: 'BTC-USDT', ts: 5, localTs: 6 };
const D = Decimal.parse;
const trade = (over: Partial<Record<string, unknown>> = {}): UnifiedEvent =>
  ({
    type: 'trade',
    ...base,
    id: '1',
    price: D('1'),
    amount: D('1'),
    side: 'buy',
    ...over,
  }) as UnifiedEvent;
const book = (levels: number): UnifiedEvent => ({
  type: 'book',
  ...base,
  snapshot: true,
  bids: Array.from({ length: levels }, (_, i) => [D(String(i)), D('1')] as const),
  asks: [],
  seq: null,
});

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof CodecError) return err.code;
    throw err;
  }
  return 'OK';
}

describe('FRAME_LIMITS on encode', () => {
  const encoder = new FrameEncoder();

  it('rejects what does not fit the limits with typed errors', () => {
    const small = new FrameEncoder({
      limits: { maxEventsPerFrame: 2, maxLevelsPerSide: 3, maxFrameBytes: 4096 },
    });
    expect(codeOf(() => small.encode(header, [trade(), trade(), trade()]))).toBe('LIMIT_EXCEEDED');
    expect(codeOf(() => small.encode(header, [book(4)]))).toBe('LIMIT_EXCEEDED');
    expect(codeOf(() => small.encode(header, [trade({ id: 'x'.repeat(5000) })]))).toBe(
      'FRAME_TOO_LARGE',
    );
    expect(
      codeOf(() =>
        encoder.encode(header, [trade({ id: 'é'.repeat(FRAME_LIMITS.maxStringBytes) })]),
      ),
    ).toBe('LIMIT_EXCEEDED');
    const huge = Decimal.fromParts(2n ** BigInt(8 * FRAME_LIMITS.maxMantissaBytes), 0);
    expect(codeOf(() => encoder.encode(header, [trade({ price: huge })]))).toBe('LIMIT_EXCEEDED');
    // The largest allowed mantissa still round-trips.
    const max = Decimal.fromParts(-(2n ** BigInt(8 * FRAME_LIMITS.maxMantissaBytes) - 1n), -3);
    const [t] = new FrameDecoder().decode(encoder.encode(header, [trade({ price: max })])).events;
    expect(t.type === 'trade' && t.price.mantissa).toBe(max.mantissa);
  });

  it('rejects frames past maxFrameBytes (8 MiB) while writing, then works again', () => {
    const big = book(FRAME_LIMITS.maxLevelsPerSide);
    const events = Array.from({ length: 120 }, () => big); // ~120 KB each;
    expect(codeOf(() => encoder.encode(header, events))).toBe('FRAME_TOO_LARGE');
    expect(new FrameDecoder().decode(encoder.encode(header, [trade()])).events).toHaveLength(1);
  });

  it('a failed add leaves the open frame as it was, string table included', () => {
    const small = new FrameEncoder({ limits: { maxFrameBytes: 400 } });
    small.begin(header);
    small.add(trade({ exchange: 'a' }));
    const before = small.byteLength;
    expect(codeOf(() => small.add(trade({ exchange: 'b'.repeat(500) })))).toBe('FRAME_TOO_LARGE');
    expect(codeOf(() => small.add(trade({ exchange: 'b', symbol: 's'.repeat(390) })))).toBe(
      'FRAME_TOO_LARGE',
    );
    expect(codeOf(() => small.add(trade({ exchange: 'd', side: 'bad' })))).toBe('BAD_EVENT');
    expect(small.byteLength).toBe(before);
    expect(small.eventCount).toBe(1);
    small.add(trade({ exchange: 'c' }));
    const frame = new FrameDecoder().decode(small.finish());
    expect(frame.events.map((e) => e.exchange)).toEqual(['a', 'c']);
    expect(frame.events.map((e) => e.symbol)).toEqual([base.symbol, base.symbol]);
  });

  it('rejects strings that cannot round-trip through UTF-8', () => {
    expect(codeOf(() => encoder.encode(header, [trade({ id: 'a\ud800b' })]))).toBe('BAD_STRING');
    expect(codeOf(() => encoder.encode(header, [{ ...trade(), exchange: '\udc00' }]))).toBe(
      'BAD_STRING',
    );
  });

  it('rejects malformed headers and events with BAD_EVENT', () => {
    const bad = (h: Partial<Record<keyof FrameHeader, unknown>>): string =>
      codeOf(() => encoder.encode({ ...header, ...h } as FrameHeader, []));
    expect(bad({ replica: 'C' })).toBe('BAD_EVENT');
    expect(bad({ epoch: -1 })).toBe('BAD_EVENT');
    expect(bad({ frameSeq: 1.5 })).toBe('BAD_EVENT');
    expect(bad({ firstEventTime: '1' })).toBe('BAD_EVENT');
    expect(codeOf(() => encoder.encode(header, [trade({ side: 'long' })]))).toBe('BAD_EVENT');
    expect(codeOf(() => encoder.encode(header, [trade({ type: 'quote' })]))).toBe('BAD_EVENT');
    expect(codeOf(() => encoder.encode(header, [trade({ price: undefined })]))).toBe('BAD_EVENT');
    expect(codeOf(() => encoder.add(trade()))).toBe('BAD_STATE');
    expect(codeOf(() => new FrameDecoder().decode('FG' as unknown as Buffer))).toBe('BAD_VALUE');
  });

  it('decoder limits can only be tightened', () => {
    expect(resolveFrameLimits({ maxFrameBytes: 1e12 }).maxFrameBytes).toBe(
      FRAME_LIMITS.maxFrameBytes,
    );
    expect(resolveFrameLimits({ maxFrameBytes: 10 }).maxFrameBytes).toBe(10);
    const frame = encoder.encode(header, [book(10)]);
    const strict = new FrameDecoder({ limits: { maxLevelsPerSide: 9 } });
    expect(codeOf(() => strict.decode(frame))).toBe('LIMIT_EXCEEDED');
    expect(codeOf(() => new FrameDecoder({ limits: { maxStringBytes: 2 } }).decode(frame))).toBe(
      'LIMIT_EXCEEDED',
    );
  });
});
