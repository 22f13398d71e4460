import type { ExchangeId } from '../exchanges/exchange-id';
import { InvalidSymbolError } from './invalid-symbol.error';

/** A normalized asset code: upper-case letters and digits (`BTC`, `1000PEPE`). */
export const ASSET_FORMAT = /^[A-Z0-9]{1,20}$/;

/**
 * Global aliases: codes that mean the same asset on EVERY exchange that uses them, so they
 * can be mapped without knowing the venue. Codes that are ambiguous across venues belong in
 * EXCHANGE_ASSET_ALIASES instead.
 */
export const ASSET_ALIASES: Readonly<Record<string, string>> = Object.freeze({
  XBT: 'BTC', // ISO-4217-style code used by Kraken, BitMEX
  XDG: 'DOGE', // Kraken
  BCHSV: 'BSV', // Binance/others before the BSV ticker settled
  BCHABC: 'BCH', // Binance, after the Nov 2018 fork
  // Kraken legacy asset codes (X prefix for crypto, Z for fiat) from its REST/asset API.
  // Listed explicitly: stripping a leading X/Z blindly would break real tickers (XTZ, ZRX).
  XXBT: 'BTC',
  XXDG: 'DOGE',
  XETH: 'ETH',
  XETC: 'ETC',
  XLTC: 'LTC',
  XXRP: 'XRP',
  XXLM: 'XLM',
  XXMR: 'XMR',
  XZEC: 'ZEC',
  XMLN: 'MLN',
  XREP: 'REP',
  ZUSD: 'USD',
  ZEUR: 'EUR',
  ZGBP: 'GBP',
  ZCAD: 'CAD',
  ZJPY: 'JPY',
  ZAUD: 'AUD',
});

/**
 * Venue-specific aliases, applied before the global table. Bitfinex's short codes clash with
 * real assets elsewhere (UST is TerraUSD on other venues, IOT is Helium IOT), so they apply
 * only to Bitfinex.
 */
export const EXCHANGE_ASSET_ALIASES: Partial<Record<ExchangeId, Readonly<Record<string, string>>>> =
  Object.freeze({
    bitfinex: Object.freeze({
      UST: 'USDT',
      MNA: 'MANA',
      DSH: 'DASH',
      QTM: 'QTUM',
      IOT: 'IOTA',
      DAT: 'DATA',
      QSH: 'QASH',
      YYW: 'YOYOW',
      ALG: 'ALGO',
    }),
  });

/**
 * Upper-cases an exchange's asset code and maps aliases (venue table first, then global).
 * Throws InvalidSymbolError when the result is not an ASSET_FORMAT code.
 */
export function normalizeAsset(asset: string, exchange?: ExchangeId): string {
  if (typeof asset !== 'string')
    throw new InvalidSymbolError(String(asset), 'asset is not a string');
  const upper = asset.toUpperCase();
  const venue = exchange === undefined ? undefined : EXCHANGE_ASSET_ALIASES[exchange];
  const mapped = venue?.[upper] ?? ASSET_ALIASES[upper] ?? upper;
  if (!ASSET_FORMAT.test(mapped)) {
    throw new InvalidSymbolError(asset, 'asset must be 1-20 letters or digits');
  }
  return mapped;
}
