import { normalizeSymbol, splitConcatenatedSymbol, type ExchangeId } from '@feedgate/core';

/**
 * Symbol rules shared by several specs. When a native name cannot be split (an unknown quote
 * asset), the upper-cased native name is used rather than dropping the data: the event still
 * carries `nativeSymbol`, and the quote list can be extended without losing anything meanwhile.
 */

/** Binance/Bybit style `BTCUSDT`, optionally with a `_YYMMDD` delivery suffix. */
export function concatenatedSymbol(
  native: string,
  kind: 'spot' | 'perp',
  exchange: ExchangeId,
): string {
  const [pair, expiry] = native.split('_');
  const parts = splitConcatenatedSymbol(pair);
  if (!parts) return native.toUpperCase();
  try {
    if (expiry === undefined) return normalizeSymbol({ ...parts, kind, exchange });
    return normalizeSymbol({ ...parts, kind: 'future', expiry, exchange });
  } catch {
    return native.toUpperCase(); // not a YYMMDD suffix or an odd asset code
  }
}

/** `BASE<sep>QUOTE` names (Coinbase `BTC-USD`, Kraken `XBT/USD`), aliases mapped. */
export function separatedSymbol(native: string, sep: string, exchange: ExchangeId): string {
  const i = native.indexOf(sep);
  if (i <= 0 || native.indexOf(sep, i + 1) >= 0) return native.toUpperCase();
  try {
    return normalizeSymbol({
      base: native.slice(0, i),
      quote: native.slice(i + 1),
      kind: 'spot',
      exchange,
    });
  } catch {
    return native.toUpperCase();
  }
}

/** Fills a topic template: `{symbol}` as given, `{lsymbol}` lower-cased. */
export function fillTopic(template: string, nativeSymbol: string): string {
  return template
    .replace('{symbol}', nativeSymbol)
    .replace('{lsymbol}', nativeSymbol.toLowerCase());
}
