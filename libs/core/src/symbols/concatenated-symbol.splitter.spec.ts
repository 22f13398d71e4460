import { describe, expect, it } from 'vitest';
import { normalizeSymbol } from './symbol.normalizer';
import { DEFAULT_QUOTE_ASSETS, splitConcatenatedSymbol } from './concatenated-symbol.splitter';

describe('splitConcatenatedSymbol', () => {
  it.each([
    ['BTCUSDT', 'BTC', 'USDT'],
    ['btcusdt', 'BTC', 'USDT'],
    ['ETHBTC', 'ETH', 'BTC'],
    ['BTCFDUSD', 'BTC', 'FDUSD'],
    ['ETHTUSD', 'ETH', 'TUSD'],
    ['BNBBUSD', 'BNB', 'BUSD'],
    ['BTCUSD', 'BTC', 'USD'],
    ['USDTTRY', 'USDT', 'TRY'],
    ['USDCUSDT', 'USDC', 'USDT'],
    ['1000PEPEUSDT', '1000PEPE', 'USDT'],
    ['XBTUSD', 'XBT', 'USD'],
    ['WBTCBTC', 'WBTC', 'BTC'],
  ])('%s → %s / %s', (native, base, quote) => {
    expect(splitConcatenatedSymbol(native)).toEqual({ base, quote });
  });

  it.each(['', 'USDT', 'BTCXYZ', 'BTC-USDT', 'BTC_USDT', 'BTC USDT', 'BTCUSDT_240628'])(
    'returns null for %j',
    (native) => {
      expect(splitConcatenatedSymbol(native)).toBeNull();
    },
  );

  it('prefers a split whose base is known over a longer quote', () => {
    expect(splitConcatenatedSymbol('XBTUSD')).toEqual({ base: 'XBT', quote: 'USD' });
    expect(splitConcatenatedSymbol('SOLTUSD')).toEqual({ base: 'SOL', quote: 'TUSD' }); // longest
    expect(splitConcatenatedSymbol('SOLTUSD', undefined, new Set(['SOLT']))).toEqual({
      base: 'SOLT',
      quote: 'USD',
    });
  });

  it('honours a custom quote list, longest first regardless of order', () => {
    const quotes = ['USD', 'ZUSD'];
    expect(splitConcatenatedSymbol('XXBTZUSD', quotes)).toEqual({ base: 'XXBT', quote: 'ZUSD' });
    expect(splitConcatenatedSymbol('BTCUSDT', ['EUR'])).toBeNull();
    expect(DEFAULT_QUOTE_ASSETS).toContain('USDT');
  });

  it('feeds normalizeSymbol (aliases are mapped there)', () => {
    const parts = splitConcatenatedSymbol('XBTUSD');
    expect(parts).not.toBeNull();
    expect(normalizeSymbol({ ...parts!, kind: 'perp' })).toBe('BTC-USD-PERP');
  });
});
