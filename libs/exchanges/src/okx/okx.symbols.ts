import { normalizeSymbol } from '@feedgate/core';

/**
 * OKX instIds: spot `BTC-USDT`, swap `BTC-USDT-SWAP`, future `BTC-USD-220527`, option
 * `BTC-USD-220624-20000-C`. Anything else keeps its native spelling.
 */
export function normalizeOkxSymbol(native: string): string {
  const p = native.split('-');
  const base = p[0];
  const quote = p[1];
  try {
    if (p.length === 2) return normalizeSymbol({ base, quote, kind: 'spot', exchange: 'okx' });
    if (p.length === 3 && p[2] === 'SWAP')
      return normalizeSymbol({ base, quote, kind: 'perp', exchange: 'okx' });
    if (p.length === 3)
      return normalizeSymbol({ base, quote, kind: 'future', expiry: p[2], exchange: 'okx' });
    if (p.length === 5 && (p[4] === 'C' || p[4] === 'P')) {
      return normalizeSymbol({
        base,
        quote,
        kind: 'option',
        expiry: p[2],
        strike: p[3],
        optionType: p[4],
        exchange: 'okx',
      });
    }
  } catch {
    // unexpected shape: fall through to the native name
  }
  return native.toUpperCase();
}
