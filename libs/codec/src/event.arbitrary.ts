import fc from 'fast-check';
import { Decimal, type UnifiedEvent } from '@feedgate/core';
import type { FrameHeader } from './frame-header';
import { FEED_STATES, INTERVALS, SEVERITIES, SIDES } from './wire-format';

/** Test-only: fast-check arbitraries for unified events and a normal form to compare them. */

const bigMantissa = fc.bigInt({ min: -(2n ** 1000n), max: 2n ** 1000n });
/** Values at the edges of the encodings' fast paths (6/13/20/27-bit, 2^53) and beyond. */
const edgeMantissas = [0, 6, 13, 20, 27, 31, 32, 53, 63, 64].flatMap((bits) => {
  const p = 2n ** BigInt(bits);
  return [p - 1n, p, p + 1n, -(p - 1n), -p, -(p + 1n)];
});
export const mantissaArb: fc.Arbitrary<bigint> = fc.oneof(
  fc.bigInt({ min: -100_000n, max: 100_000n }),
  fc.bigInt({ min: -(2n ** 53n) - 2n, max: 2n ** 53n + 2n }),
  fc.constantFrom(...edgeMantissas),
  fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }),
  bigMantissa,
);
/** Decimal itself bounds |exponent| (Decimal.MAX_EXPONENT); the wire carries any int32. */
const MAX_E = Decimal.MAX_EXPONENT;
export const exponentArb: fc.Arbitrary<number> = fc.oneof(
  fc.integer({ min: -18, max: 18 }),
  fc.integer({ min: -MAX_E, max: MAX_E }),
  fc.constantFrom(-MAX_E, MAX_E, 0, -1, 63, -63, 64, -64, 65, -65),
);
export const decimalArb: fc.Arbitrary<Decimal> = fc
  .tuple(mantissaArb, exponentArb)
  .map(([m, e]) => Decimal.fromParts(m, e));

/** Epoch-ms-like numbers of every shape the time encoding distinguishes. */
export const timeArb: fc.Arbitrary<number> = fc.oneof(
  fc.integer({ min: 1_600_000_000_000, max: 1_800_000_000_000 }),
  fc.integer({ min: 1_600_000_000_000_000, max: 1_800_000_000_000_000 }).map((us) => us / 1000),
  fc.double(),
  fc.maxSafeInteger(),
  fc.constantFrom(0, -0, NaN, Infinity, -Infinity, Number.MAX_VALUE, Number.MIN_VALUE, 2 ** 53),
);

export const textArb: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 24 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', minLength: 100, maxLength: 300 }),
);

/** Ids and sequence numbers: digit strings (leading zeros included) and free text. */
export const idArb: fc.Arbitrary<string> = fc.oneof(
  fc.maxSafeInteger().map((n) => String(Math.abs(n))),
  fc.stringMatching(/^[0-9]{1,22}$/),
  textArb,
);

const baseArb = {
  exchange: fc.oneof(fc.constantFrom('binance', 'coinbase', 'okx'), textArb),
  symbol: fc.oneof(fc.constantFrom('BTC-USDT', 'ETH-USD-PERP'), textArb),
  nativeSymbol: fc.oneof(fc.constantFrom('BTCUSDT', 'ETH-USD'), textArb),
  ts: timeArb,
  localTs: timeArb,
};
const levelsArb = fc.array(fc.tuple(decimalArb, decimalArb), { maxLength: 30 });

export const eventArb: fc.Arbitrary<UnifiedEvent> = fc.oneof(
  fc.record({
    type: fc.constant('trade' as const),
    ...baseArb,
    id: idArb,
    price: decimalArb,
    amount: decimalArb,
    side: fc.constantFrom(...SIDES),
  }),
  fc.record(
    {
      type: fc.constant('book' as const),
      ...baseArb,
      snapshot: fc.boolean(),
      bids: levelsArb,
      asks: levelsArb,
      seq: fc.option(idArb, { nil: null }),
      prevSeq: fc.option(idArb, { nil: null }),
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
  ),
  fc.record({
    type: fc.constant('bbo' as const),
    ...baseArb,
    bidPrice: decimalArb,
    bidAmount: decimalArb,
    askPrice: decimalArb,
    askAmount: decimalArb,
  }),
  fc.record({
    type: fc.constant('candle' as const),
    ...baseArb,
    interval: fc.constantFrom(...INTERVALS),
    open: decimalArb,
    high: decimalArb,
    low: decimalArb,
    close: decimalArb,
    volume: decimalArb,
    trades: fc.oneof(fc.nat(), fc.double()),
    start: timeArb,
    end: timeArb,
  }),
  fc.record({
    type: fc.constant('status' as const),
    ...baseArb,
    state: fc.constantFrom(...FEED_STATES),
    reason: textArb,
    gaps: fc.array(fc.record({ from: idArb, to: idArb }), { maxLength: 5 }),
  }),
  fc.record({
    type: fc.constant('alert' as const),
    ...baseArb,
    kind: textArb,
    severity: fc.constantFrom(...SEVERITIES),
    detail: textArb,
  }),
);

export const headerArb: fc.Arbitrary<FrameHeader> = fc.record({
  gateId: textArb,
  replica: fc.constantFrom('A' as const, 'B' as const),
  epoch: fc.maxSafeNat(),
  frameSeq: fc.maxSafeNat(),
  firstEventTime: timeArb,
});

/**
 * Normal form for comparison: every Decimal becomes its exact representation
 * { m: mantissa, e: exponent }, so equality never depends on Decimal's internals.
 */
export function comparable(value: unknown): unknown {
  if (value instanceof Decimal) return { m: value.mantissa, e: value.exponent };
  if (Array.isArray(value)) return value.map(comparable);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = comparable(v);
    return out;
  }
  return value;
}
