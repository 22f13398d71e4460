import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal } from './decimal';
import { DecimalArithmeticError } from './decimal-arithmetic.error';
import { DecimalParseError } from './decimal-parse.error';
import type { RoundingMode } from './rounding-mode';

const D = (s: string) => Decimal.parse(s);
const parts = (d: Decimal) => [d.mantissa, d.exponent] as const;

describe('Decimal.parse', () => {
  it.each([
    ['9.2E-7', 92n, -8, '0.00000092'],
    ['4714.0', 47140n, -1, '4714.0'],
    ['18239578009413566319', 18239578009413566319n, 0, '18239578009413566319'],
    ['-0.5', -5n, -1, '-0.5'],
    ['0.00426990', 426990n, -8, '0.00426990'],
    ['1e3', 1n, 3, '1000'],
    ['1E+3', 1n, 3, '1000'],
    ['2.5e-3', 25n, -4, '0.0025'],
    ['0001.5', 15n, -1, '1.5'],
    ['0', 0n, 0, '0'],
    ['-0', 0n, 0, '0'],
    ['0.000', 0n, -3, '0.000'],
    ['-0.00', 0n, -2, '0.00'],
    ['1e-0', 1n, 0, '1'],
    ['123456789012345', 123456789012345n, 0, '123456789012345'],
    ['1234567890123456', 1234567890123456n, 0, '1234567890123456'],
    ['-98765.4321098765432109', -987654321098765432109n, -16, '-98765.4321098765432109'],
    ['0.000000000000000000000001', 1n, -24, '0.000000000000000000000001'],
  ])('%s → mantissa %s, exponent %s, prints %s', (text, m, e, printed) => {
    const d = D(text);
    expect(parts(d)).toEqual([m, e]);
    expect(d.toString()).toBe(printed);
    expect(D(d.toString()).eq(d)).toBe(true);
  });

  it.each([
    '',
    '-',
    '.5',
    '5.',
    '+1',
    ' 1',
    '1 ',
    '1.2.3',
    'NaN',
    'Infinity',
    '-Infinity',
    '0x10',
    '1e',
    '1e+',
    '1.e5',
    '1_000',
    '１',
    '--1',
    '1-',
    'e5',
    '1e5.5',
  ])('rejects %j with DecimalParseError', (text) => {
    expect(() => D(text)).toThrow(DecimalParseError);
    expect(Decimal.parseOrNull(text)).toBeNull();
  });

  it('rejects non-string input with a typed error', () => {
    expect(() => Decimal.parse(undefined as unknown as string)).toThrow(DecimalParseError);
    expect(Decimal.parseOrNull(12 as unknown as string)).toBeNull();
  });

  it('bounds digits, exponent and length', () => {
    expect(D('9'.repeat(200)).mantissa).toBe(BigInt('9'.repeat(200)));
    expect(() => D('9'.repeat(201))).toThrow(/too many digits/);
    // leading zeros are not significant
    expect(D('0'.repeat(300) + '7').mantissa).toBe(7n);
    expect(D('1e1000').exponent).toBe(1000);
    expect(() => D('1e1001')).toThrow(/exponent out of range/);
    expect(D('0.1e1001').exponent).toBe(1000);
    expect(() => D('1e-1001')).toThrow(DecimalParseError);
    expect(() => D('1e99999999999999999999')).toThrow(/exponent out of range/);
    expect(() => D('0'.repeat(2000))).toThrow(/too long/);
    const err = (() => {
      try {
        D('abc');
      } catch (e) {
        return e as DecimalParseError;
      }
    })();
    expect(err?.code).toBe('DECIMAL_PARSE');
    expect(err?.input).toBe('abc');
  });
});

describe('Decimal construction and formatting', () => {
  it('fromParts/fromInt/ZERO', () => {
    expect(Decimal.fromParts(-12345n, -2).toString()).toBe('-123.45');
    expect(Decimal.fromParts(5n, -3).toString()).toBe('0.005');
    expect(Decimal.fromParts(0n, 4).toString()).toBe('0');
    expect(Decimal.fromInt(42).toString()).toBe('42');
    expect(Decimal.fromInt(2n ** 70n).mantissa).toBe(2n ** 70n);
    expect(Decimal.ZERO.isZero()).toBe(true);
    expect(() => Decimal.fromInt(1.5)).toThrow(DecimalArithmeticError);
    expect(() => Decimal.fromInt(2 ** 53)).toThrow(DecimalArithmeticError);
    expect(() => Decimal.fromParts(1n, 0.5)).toThrow(DecimalArithmeticError);
    expect(() => Decimal.fromParts(1n, 2 ** 31)).toThrow(DecimalArithmeticError);
  });

  it('toJSON is the decimal string and toNumber the nearest double', () => {
    expect(JSON.stringify({ p: D('0.00426990') })).toBe('{"p":"0.00426990"}');
    expect(D('0.1').toNumber()).toBe(0.1);
    expect(D('9.2E-7').toNumber()).toBe(9.2e-7);
    expect(D('-1e3').toNumber()).toBe(-1000);
  });

  it('normalize strips trailing zeros, zero becomes 0e0', () => {
    expect(parts(D('4714.000').normalize())).toEqual([4714n, 0]);
    expect(parts(D('1200').normalize())).toEqual([12n, 2]);
    expect(parts(D('0.000').normalize())).toEqual([0n, 0]);
    expect(parts(D('-0.50').normalize())).toEqual([-5n, -1]);
  });

  it('sign, negate, abs', () => {
    expect([D('-2').sign(), D('0.0').sign(), D('3e-9').sign()]).toEqual([-1, 0, 1]);
    expect(D('1.50').negate().toString()).toBe('-1.50');
    expect(D('-1.50').abs().toString()).toBe('1.50');
    expect(D('0').negate().toString()).toBe('0');
  });
});

describe('Decimal comparison', () => {
  it('compares values across exponents', () => {
    expect(D('1.0').eq(D('1'))).toBe(true);
    expect(D('1.0').compare(D('1'))).toBe(0);
    expect(D('0.00').eq(D('0e5'))).toBe(true);
    expect(D('1000').eq(D('1e3'))).toBe(true);
    expect(D('0.1').lt(D('0.10000000001'))).toBe(true);
    expect(D('-0.1').gt(D('-0.11'))).toBe(true);
    expect(D('-1e3').lt(D('0.001'))).toBe(true);
    expect(D('2').gte(D('2.000'))).toBe(true);
    expect(D('2').lte(D('1.999'))).toBe(false);
    expect(D('5').compare(D('-5'))).toBe(1);
  });

  it('min/max pick by value', () => {
    expect(Decimal.min(D('3'), D('1.5'), D('2')).toString()).toBe('1.5');
    expect(Decimal.max(D('3'), D('3.01'), D('-4')).toString()).toBe('3.01');
    expect(Decimal.min(D('7')).toString()).toBe('7');
  });
});

describe('Decimal arithmetic', () => {
  it('add/sub/mul are exact and keep precision', () => {
    expect(D('0.1').add(D('0.2')).toString()).toBe('0.3');
    expect(D('1.10').add(D('1')).toString()).toBe('2.10');
    expect(D('1e3').add(D('0.5')).toString()).toBe('1000.5');
    expect(D('1').sub(D('0.001')).toString()).toBe('0.999');
    expect(D('1.5').mul(D('2.00')).toString()).toBe('3.000');
    expect(D('-0.3').mul(D('0.3')).toString()).toBe('-0.09');
    expect(D('18239578009413566319').add(D('1')).toString()).toBe('18239578009413566320');
  });

  it('div rounds to scale, default half-even', () => {
    expect(D('1').div(D('3'), 5).toString()).toBe('0.33333');
    expect(D('2').div(D('3'), 5).toString()).toBe('0.66667');
    expect(D('10').div(D('4'), 0).toString()).toBe('2'); // 2.5 → 2 (even)
    expect(D('14').div(D('4'), 0).toString()).toBe('4'); // 3.5 → 4 (even)
    expect(D('1.00').div(D('0.25'), 2).toString()).toBe('4.00');
    expect(D('12345').div(D('1'), -2).toString()).toBe('12300');
    expect(D('-7').div(D('2'), 0, 'floor').toString()).toBe('-4');
    expect(D('7').div(D('-2'), 0, 'down').toString()).toBe('-3');
    expect(() => D('1').div(D('0.000'), 2)).toThrow(DecimalArithmeticError);
    expect(() => D('1').div(D('3'), 1.5)).toThrow(DecimalArithmeticError);
    expect(() => D('1').div(D('3'), 2, 'bogus' as RoundingMode)).toThrow(DecimalArithmeticError);
  });

  // Rounding to 0 fractional digits, the classic table.
  const table: Array<[string, Record<RoundingMode, string>]> = [
    ['5.5', { 'half-even': '6', 'half-up': '6', down: '5', up: '6', floor: '5', ceiling: '6' }],
    ['2.5', { 'half-even': '2', 'half-up': '3', down: '2', up: '3', floor: '2', ceiling: '3' }],
    ['1.6', { 'half-even': '2', 'half-up': '2', down: '1', up: '2', floor: '1', ceiling: '2' }],
    ['1.1', { 'half-even': '1', 'half-up': '1', down: '1', up: '2', floor: '1', ceiling: '2' }],
    ['1.0', { 'half-even': '1', 'half-up': '1', down: '1', up: '1', floor: '1', ceiling: '1' }],
    [
      '-1.0',
      { 'half-even': '-1', 'half-up': '-1', down: '-1', up: '-1', floor: '-1', ceiling: '-1' },
    ],
    [
      '-1.1',
      { 'half-even': '-1', 'half-up': '-1', down: '-1', up: '-2', floor: '-2', ceiling: '-1' },
    ],
    [
      '-1.6',
      { 'half-even': '-2', 'half-up': '-2', down: '-1', up: '-2', floor: '-2', ceiling: '-1' },
    ],
    [
      '-2.5',
      { 'half-even': '-2', 'half-up': '-3', down: '-2', up: '-3', floor: '-3', ceiling: '-2' },
    ],
    [
      '-5.5',
      { 'half-even': '-6', 'half-up': '-6', down: '-5', up: '-6', floor: '-6', ceiling: '-5' },
    ],
  ];
  for (const [input, expected] of table) {
    for (const [mode, out] of Object.entries(expected) as Array<[RoundingMode, string]>) {
      it(`round(${input}, 0, ${mode}) = ${out}`, () => {
        const r = D(input).round(0, mode);
        expect(r.toString()).toBe(out);
        expect(r.exponent).toBe(0);
      });
    }
  }

  it('round sets the exact scale, padding when finer', () => {
    expect(D('1.5').round(2).toString()).toBe('1.50');
    expect(D('1.005').round(2).toString()).toBe('1.00');
    expect(D('1.015').round(2).toString()).toBe('1.02');
    expect(D('1.0051').round(2).toString()).toBe('1.01');
    expect(D('1e3').round(1).toString()).toBe('1000.0');
    expect(D('1250').round(-2, 'half-even').toString()).toBe('1200');
    expect(D('1250').round(-2, 'half-up').toString()).toBe('1300');
  });
});

describe('Decimal properties', () => {
  const mantissa = fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n });
  const exponent = fc.integer({ min: -40, max: 40 });
  const dec = fc.tuple(mantissa, exponent).map(([m, e]) => Decimal.fromParts(m, e));
  // Exact rational value as (numerator, power-of-ten denominator exponent) for checking.
  const scaled = (d: Decimal, e: number) => d.mantissa * 10n ** BigInt(d.exponent - e);

  it('parse(toString(d)) eq d, and keeps the exponent when it is ≤ 0', () => {
    fc.assert(
      fc.property(dec, (d) => {
        const back = Decimal.parse(d.toString());
        expect(back.eq(d)).toBe(true);
        if (d.exponent <= 0) expect(parts(back)).toEqual(parts(d));
        expect(d.toString()).not.toMatch(/e/i);
      }),
    );
  });

  // Reference grammar (regex) for the hand-written scanner, with the exponent bound.
  const reference = (t: string): [bigint, number] | null => {
    const m = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(t);
    if (!m) return null;
    const frac = m[3] ?? '';
    const mant = BigInt(m[2] + frac);
    const e = (m[4] ? Number(m[4]) : 0) - frac.length || 0;
    return Math.abs(e) > Decimal.PARSE_MAX_EXPONENT ? null : [m[1] ? -mant : mant, e];
  };
  const numberish = fc.stringMatching(/^[-+]?[0-9]{0,20}(\.[0-9]{0,20})?([eE][-+]?[0-9]{0,3})?$/);
  const noise = fc.string({
    unit: fc.constantFrom(...'0123456789.-+eE xX_'.split('')),
    maxLength: 12,
  });

  it('the scanner agrees with the reference grammar and never throws untyped', () => {
    fc.assert(
      fc.property(fc.oneof(numberish, noise), (t) => {
        const want = reference(t);
        const got = Decimal.parseOrNull(t);
        expect(got === null ? null : parts(got)).toEqual(want);
        if (want === null) expect(() => Decimal.parse(t)).toThrow(DecimalParseError);
      }),
      { numRuns: 2000 },
    );
  });

  it('add/sub/mul agree with BigInt arithmetic', () => {
    fc.assert(
      fc.property(dec, dec, (a, b) => {
        const e = Math.min(a.exponent, b.exponent);
        const sum = a.add(b);
        const diff = a.sub(b);
        expect(sum.exponent).toBe(e);
        expect(sum.mantissa).toBe(scaled(a, e) + scaled(b, e));
        expect(diff.mantissa).toBe(scaled(a, e) - scaled(b, e));
        const prod = a.mul(b);
        expect(prod.mantissa).toBe(a.mantissa * b.mantissa);
        expect(prod.exponent).toBe(a.exponent + b.exponent);
      }),
    );
  });

  it('compare agrees with BigInt comparison of aligned mantissas', () => {
    fc.assert(
      fc.property(dec, dec, (a, b) => {
        const e = Math.min(a.exponent, b.exponent);
        const x = scaled(a, e);
        const y = scaled(b, e);
        expect(a.compare(b)).toBe(x < y ? -1 : x > y ? 1 : 0);
        expect(a.normalize().eq(a)).toBe(true);
      }),
    );
  });

  it('div stays within half an ulp (half-even) and brackets floor/ceiling', () => {
    const nonZero = dec.filter((d) => !d.isZero());
    fc.assert(
      fc.property(dec, nonZero, fc.integer({ min: 0, max: 12 }), (a, b, scale) => {
        const q = a.div(b, scale);
        const ulp = Decimal.fromParts(1n, -scale);
        // |q × b - a| ≤ ulp/2 × |b|
        const err = q.mul(b).sub(a).abs();
        expect(err.lte(ulp.mul(b.abs()).mul(Decimal.parse('0.5')))).toBe(true);
        const lo = a.div(b, scale, 'floor');
        const hi = a.div(b, scale, 'ceiling');
        expect(lo.lte(hi)).toBe(true);
        expect(hi.sub(lo).lte(ulp)).toBe(true);
        // floor(a/b)·b and ceiling(a/b)·b bracket a (order flips when b < 0)
        const [below, above] = b.sign() > 0 ? [lo.mul(b), hi.mul(b)] : [hi.mul(b), lo.mul(b)];
        expect(below.lte(a) && a.lte(above)).toBe(true);
      }),
    );
  });
});
