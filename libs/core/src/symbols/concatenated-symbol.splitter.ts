import { ASSET_ALIASES } from './asset-aliases';

/**
 * Splits exchange symbols written without a separator (Binance/Bybit `BTCUSDT`) into base
 * and quote using a table of known quote assets that can end the symbol:
 *  1. among the quotes that are a suffix, the LONGEST whose remaining base is a known asset
 *     wins (`XBTUSD` → XBT/USD rather than XB/TUSD, `ETHTUSD` → ETH/TUSD);
 *  2. otherwise the longest suffix wins (`PEPEUSDT` → PEPE/USDT, never PEPEUSD/T).
 * Known assets = the quote list, the alias table (keys and values) and `knownBases` when a
 * parser has the venue's instrument list. Returns raw exchange codes (no alias mapping:
 * feed them to normalizeSymbol, which maps `XBT` etc.). Returns null when no quote fits.
 */

/** Quote assets seen on concatenated-symbol venues (stablecoins, fiat, crypto quotes). */
// prettier-ignore
export const DEFAULT_QUOTE_ASSETS: readonly string[] = Object.freeze([
  // stablecoins
  'USDT', 'USDC', 'FDUSD', 'BUSD', 'TUSD', 'USDP', 'USDE', 'DAI', 'PYUSD', 'EURI', 'AEUR',
  // fiat
  'USD', 'EUR', 'GBP', 'TRY', 'BRL', 'AUD', 'JPY', 'ZAR', 'UAH', 'PLN', 'RON', 'ARS', 'MXN',
  'IDR', 'NGN', 'COP', 'CZK', 'CAD', 'CHF',
  // crypto quotes
  'BTC', 'ETH', 'BNB', 'TRX', 'XRP',
]);

// Sorted copies per quote list (by identity), longest first.
const sortedCache = new WeakMap<readonly string[], readonly string[]>();

function longestFirst(quotes: readonly string[]): readonly string[] {
  let sorted = sortedCache.get(quotes);
  if (!sorted) {
    sorted = quotes.map((q) => q.toUpperCase()).sort((a, b) => b.length - a.length);
    sortedCache.set(quotes, sorted);
  }
  return sorted;
}

const CONCATENATED = /^[A-Z0-9]{2,40}$/;

const ALIAS_ASSETS: ReadonlySet<string> = new Set([
  ...Object.keys(ASSET_ALIASES),
  ...Object.values(ASSET_ALIASES),
]);

export function splitConcatenatedSymbol(
  native: string,
  knownQuotes: readonly string[] = DEFAULT_QUOTE_ASSETS,
  knownBases?: ReadonlySet<string>,
): { base: string; quote: string } | null {
  if (typeof native !== 'string') return null;
  const s = native.toUpperCase();
  if (!CONCATENATED.test(s)) return null;
  const quotes = longestFirst(knownQuotes);
  let fallback: { base: string; quote: string } | null = null;
  for (const quote of quotes) {
    if (quote.length >= s.length || !s.endsWith(quote)) continue;
    const base = s.slice(0, s.length - quote.length);
    const known =
      ALIAS_ASSETS.has(base) || quotes.includes(base) || (knownBases?.has(base) ?? false);
    if (known) return { base, quote };
    fallback ??= { base, quote };
  }
  return fallback;
}
