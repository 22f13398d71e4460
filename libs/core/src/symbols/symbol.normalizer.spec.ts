import { describe, expect, it } from 'vitest';
import { Decimal } from '../decimal/decimal';
import { normalizeAsset } from './asset-aliases';
import { InvalidSymbolError } from './invalid-symbol.error';
import {
  expiryToDate,
  isNormalizedSymbol,
  normalizeSymbol,
  parseNormalizedSymbol,
  type SymbolInput,
} from './symbol.normalizer';

describe('normalizeSymbol', () => {
  it.each<[SymbolInput, string]>([
    [{ base: 'btc', quote: 'usdt', kind: 'spot' }, 'BTC-USDT'],
    [{ base: 'XBT', quote: 'USD', kind: 'perp' }, 'BTC-USD-PERP'],
    [{ base: 'XXBT', quote: 'ZUSD', kind: 'spot' }, 'BTC-USD'],
    [{ base: 'XDG', quote: 'EUR', kind: 'spot' }, 'DOGE-EUR'],
    [{ base: 'BCHSV', quote: 'BTC', kind: 'spot' }, 'BSV-BTC'],
    [{ base: 'BTC', quote: 'USD', kind: 'future', expiry: '240628' }, 'BTC-USD-240628'],
    [
      { base: 'BTC', quote: 'USD', kind: 'future', expiry: new Date('2024-06-28T08:00:00Z') },
      'BTC-USD-240628',
    ],
    [
      {
        base: 'BTC',
        quote: 'USD',
        kind: 'option',
        expiry: '240628',
        strike: '60000',
        optionType: 'C',
      },
      'BTC-USD-240628-60000-C',
    ],
    [
      {
        base: 'ETH',
        quote: 'USD',
        kind: 'option',
        expiry: '241227',
        strike: Decimal.parse('3500.50'),
        optionType: 'P',
      },
      'ETH-USD-241227-3500.5-P',
    ],
    [
      {
        base: 'BTC',
        quote: 'USD',
        kind: 'option',
        expiry: '240628',
        strike: '6e4',
        optionType: 'C',
      },
      'BTC-USD-240628-60000-C',
    ],
    [{ base: 'UST', quote: 'USD', kind: 'spot', exchange: 'bitfinex' }, 'USDT-USD'],
    [{ base: 'MNA', quote: 'UST', kind: 'spot', exchange: 'bitfinex' }, 'MANA-USDT'],
    [{ base: 'UST', quote: 'USDT', kind: 'spot', exchange: 'binance' }, 'UST-USDT'],
    [{ base: '1000pepe', quote: 'usdt', kind: 'perp' }, '1000PEPE-USDT-PERP'],
  ])('%j → %s', (input, expected) => {
    const s = normalizeSymbol(input);
    expect(s).toBe(expected);
    expect(isNormalizedSymbol(s)).toBe(true);
  });

  it.each<[string, SymbolInput]>([
    ['empty base', { base: '', quote: 'USDT', kind: 'spot' }],
    ['dash in asset', { base: 'BTC-X', quote: 'USDT', kind: 'spot' }],
    ['slash in asset', { base: 'BTC/', quote: 'USDT', kind: 'spot' }],
    ['spot with expiry', { base: 'BTC', quote: 'USDT', kind: 'spot', expiry: '240628' }],
    ['perp with strike', { base: 'BTC', quote: 'USDT', kind: 'perp', strike: '1' }],
    ['future without expiry', { base: 'BTC', quote: 'USD', kind: 'future' }],
    ['bad month', { base: 'BTC', quote: 'USD', kind: 'future', expiry: '241328' }],
    ['Feb 30', { base: 'BTC', quote: 'USD', kind: 'future', expiry: '240230' }],
    ['invalid Date', { base: 'BTC', quote: 'USD', kind: 'future', expiry: new Date('x') }],
    ['year 1999', { base: 'BTC', quote: 'USD', kind: 'future', expiry: new Date('1999-01-01Z') }],
    [
      'option without type',
      { base: 'BTC', quote: 'USD', kind: 'option', expiry: '240628', strike: '1' },
    ],
    [
      'zero strike',
      { base: 'BTC', quote: 'USD', kind: 'option', expiry: '240628', strike: '0', optionType: 'C' },
    ],
    [
      'bad strike',
      {
        base: 'BTC',
        quote: 'USD',
        kind: 'option',
        expiry: '240628',
        strike: '1,5',
        optionType: 'C',
      },
    ],
    ['unknown kind', { base: 'BTC', quote: 'USD', kind: 'swap' as 'perp' }],
  ])('rejects %s', (_name, input) => {
    expect(() => normalizeSymbol(input)).toThrow(InvalidSymbolError);
  });

  it('leap day is a valid expiry, and expiryToDate gives UTC midnight', () => {
    expect(normalizeSymbol({ base: 'BTC', quote: 'USD', kind: 'future', expiry: '240229' })).toBe(
      'BTC-USD-240229',
    );
    expect(() =>
      normalizeSymbol({ base: 'BTC', quote: 'USD', kind: 'future', expiry: '230229' }),
    ).toThrow(InvalidSymbolError);
    expect(expiryToDate('240628').toISOString()).toBe('2024-06-28T00:00:00.000Z');
  });
});

describe('parseNormalizedSymbol / isNormalizedSymbol', () => {
  it('parses each kind back to parts', () => {
    expect(parseNormalizedSymbol('BTC-USDT')).toEqual({ base: 'BTC', quote: 'USDT', kind: 'spot' });
    expect(parseNormalizedSymbol('ETH-USD-PERP')).toEqual({
      base: 'ETH',
      quote: 'USD',
      kind: 'perp',
    });
    expect(parseNormalizedSymbol('BTC-USD-240628')).toEqual({
      base: 'BTC',
      quote: 'USD',
      kind: 'future',
      expiry: '240628',
    });
    const o = parseNormalizedSymbol('BTC-USD-240628-0.25-P');
    expect(o.kind).toBe('option');
    expect(o.optionType).toBe('P');
    expect(o.strike?.toString()).toBe('0.25');
    // round trip through normalizeSymbol
    expect(normalizeSymbol(o)).toBe('BTC-USD-240628-0.25-P');
  });

  it.each([
    '',
    'BTC',
    'btc-usdt',
    'BTC_USDT',
    'BTC-USDT-',
    '-USDT',
    'BTC-USDT-SWAP',
    'BTC-USDT-PERP-X',
    'XBT-USD',
    'BTC-ZUSD',
    'BTC-USD-24062',
    'BTC-USD-240631',
    'BTC-USD-240628-60000',
    'BTC-USD-240628-60000-X',
    'BTC-USD-240628-60000.0-C',
    'BTC-USD-240628-060000-C',
    'BTC-USD-240628-0-C',
    'BTC-USD-240628-6e4-C',
    'BTC-USD-240628--C',
    'BTC-USD-240628-1-C-X',
    'BTC-USDT ',
  ])('rejects %j', (s) => {
    expect(isNormalizedSymbol(s)).toBe(false);
    expect(() => parseNormalizedSymbol(s)).toThrow(InvalidSymbolError);
  });

  it('isNormalizedSymbol is false for non-strings and stable when cached', () => {
    expect(isNormalizedSymbol(42)).toBe(false);
    expect(isNormalizedSymbol(null)).toBe(false);
    for (let i = 0; i < 3; i++) expect(isNormalizedSymbol('SOL-USDC')).toBe(true);
  });
});

describe('normalizeAsset', () => {
  it('maps global aliases everywhere and venue aliases only on that venue', () => {
    expect(normalizeAsset('xbt')).toBe('BTC');
    expect(normalizeAsset('XETH', 'kraken')).toBe('ETH');
    expect(normalizeAsset('XTZ')).toBe('XTZ'); // not a Kraken X-prefixed code
    expect(normalizeAsset('IOT')).toBe('IOT');
    expect(normalizeAsset('IOT', 'bitfinex')).toBe('IOTA');
    expect(() => normalizeAsset('B TC')).toThrow(InvalidSymbolError);
    expect(() => normalizeAsset('A'.repeat(21))).toThrow(InvalidSymbolError);
  });
});
