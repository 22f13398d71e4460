import { Decimal } from '../decimal/decimal';
import type { ExchangeId } from '../exchanges/exchange-id';
import { ASSET_ALIASES, ASSET_FORMAT, normalizeAsset } from './asset-aliases';
import { InvalidSymbolError } from './invalid-symbol.error';

/**
 * Normalized symbols (DESIGN.md), parts joined by `-`:
 *   spot `BTC-USDT` · perpetual `BTC-USDT-PERP` · dated future `BTC-USD-240628` ·
 *   option `BTC-USD-240628-60000-C` (expiry YYMMDD in UTC, strike canonical decimal, C|P).
 * There is exactly one normalized spelling per instrument: upper case, aliases mapped
 * (never `XBT`), strike without trailing zeros or exponent, so symbols can be compared
 * and used as Kafka keys as plain strings.
 */
export type InstrumentKind = 'spot' | 'perp' | 'future' | 'option';
export type OptionType = 'C' | 'P';

export interface SymbolInput {
  readonly base: string;
  readonly quote: string;
  readonly kind: InstrumentKind;
  /** `YYMMDD` or a Date (its UTC calendar day); required for future and option. */
  readonly expiry?: string | Date;
  /** Required for option; must be > 0. */
  readonly strike?: Decimal | string;
  /** Required for option. */
  readonly optionType?: OptionType;
  /** Applies that venue's asset aliases (see EXCHANGE_ASSET_ALIASES) on top of the global ones. */
  readonly exchange?: ExchangeId;
}

export interface NormalizedSymbolParts {
  readonly base: string;
  readonly quote: string;
  readonly kind: InstrumentKind;
  readonly expiry?: string;
  readonly strike?: Decimal;
  readonly optionType?: OptionType;
}

const CANONICAL_STRIKE = /^(0|[1-9][0-9]*)(\.[0-9]*[1-9])?$/;
const YYMMDD = /^[0-9]{6}$/;

/** Builds the normalized symbol; throws InvalidSymbolError for inconsistent or bad parts. */
export function normalizeSymbol(input: SymbolInput): string {
  const base = normalizeAsset(input.base, input.exchange);
  const quote = normalizeAsset(input.quote, input.exchange);
  const label = `${input.base}/${input.quote}`;
  const { kind } = input;
  const hasExpiry = input.expiry !== undefined;
  const hasOptionFields = input.strike !== undefined || input.optionType !== undefined;
  switch (kind) {
    case 'spot':
    case 'perp':
      if (hasExpiry || hasOptionFields)
        throw new InvalidSymbolError(label, `${kind} has no expiry/strike`);
      return kind === 'spot' ? `${base}-${quote}` : `${base}-${quote}-PERP`;
    case 'future':
      if (hasOptionFields) throw new InvalidSymbolError(label, 'future has no strike/option type');
      return `${base}-${quote}-${formatExpiry(input.expiry, label)}`;
    case 'option': {
      const { optionType } = input;
      if (optionType !== 'C' && optionType !== 'P') {
        throw new InvalidSymbolError(label, 'option type must be C or P');
      }
      const expiry = formatExpiry(input.expiry, label);
      return `${base}-${quote}-${expiry}-${formatStrike(input.strike, label)}-${optionType}`;
    }
    default:
      throw new InvalidSymbolError(label, `unknown instrument kind ${JSON.stringify(kind)}`);
  }
}

/** Splits a normalized symbol into its parts; throws InvalidSymbolError if it is not one. */
export function parseNormalizedSymbol(symbol: string): NormalizedSymbolParts {
  if (typeof symbol !== 'string') throw new InvalidSymbolError(String(symbol), 'not a string');
  const p = symbol.split('-');
  if (p.length !== 2 && p.length !== 3 && p.length !== 5) {
    throw new InvalidSymbolError(symbol, 'expected BASE-QUOTE[-PERP|-YYMMDD[-STRIKE-C|P]]');
  }
  const base = canonicalAsset(p[0], symbol);
  const quote = canonicalAsset(p[1], symbol);
  if (p.length === 2) return { base, quote, kind: 'spot' };
  if (p.length === 3 && p[2] === 'PERP') return { base, quote, kind: 'perp' };
  const expiry = p[2];
  if (!isValidYymmdd(expiry)) throw new InvalidSymbolError(symbol, 'expiry must be a valid YYMMDD');
  if (p.length === 3) return { base, quote, kind: 'future', expiry };
  const strikeText = p[3];
  if (!CANONICAL_STRIKE.test(strikeText) || /^0(\.0*)?$/.test(strikeText)) {
    throw new InvalidSymbolError(symbol, 'strike must be a canonical positive decimal');
  }
  const optionType = p[4];
  if (optionType !== 'C' && optionType !== 'P') {
    throw new InvalidSymbolError(symbol, 'option type must be C or P');
  }
  return { base, quote, kind: 'option', expiry, strike: Decimal.parse(strikeText), optionType };
}

// Gateways and fromJsonEvent validate the same few thousand symbols over and over.
const VALID_CACHE_MAX = 4096;
const validCache = new Set<string>();

/** True when `value` is a normalized symbol in its one canonical spelling. */
export function isNormalizedSymbol(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  if (validCache.has(value)) return true;
  try {
    parseNormalizedSymbol(value);
  } catch {
    return false;
  }
  if (validCache.size >= VALID_CACHE_MAX) validCache.clear();
  validCache.add(value);
  return true;
}

/** `YYMMDD` for a Date's UTC day (years 2000-2099) or a validated YYMMDD string. */
export function formatExpiry(expiry: string | Date | undefined, label = String(expiry)): string {
  if (expiry instanceof Date) {
    const t = expiry.getTime();
    const year = expiry.getUTCFullYear();
    if (!Number.isFinite(t) || year < 2000 || year > 2099) {
      throw new InvalidSymbolError(label, 'expiry date must be a valid date in 2000-2099');
    }
    const two = (n: number) => (n < 10 ? '0' : '') + n;
    return two(year - 2000) + two(expiry.getUTCMonth() + 1) + two(expiry.getUTCDate());
  }
  if (typeof expiry !== 'string' || !isValidYymmdd(expiry)) {
    throw new InvalidSymbolError(label, 'expiry must be a valid YYMMDD or Date');
  }
  return expiry;
}

/** The expiry day of a `YYMMDD` string as a UTC midnight Date. */
export function expiryToDate(yymmdd: string): Date {
  if (!isValidYymmdd(yymmdd)) throw new InvalidSymbolError(yymmdd, 'expiry must be a valid YYMMDD');
  return new Date(
    Date.UTC(
      2000 + Number(yymmdd.slice(0, 2)),
      Number(yymmdd.slice(2, 4)) - 1,
      Number(yymmdd.slice(4, 6)),
    ),
  );
}

function isValidYymmdd(s: string): boolean {
  if (!YYMMDD.test(s)) return false;
  const y = 2000 + Number(s.slice(0, 2));
  const m = Number(s.slice(2, 4));
  const d = Number(s.slice(4, 6));
  if (m < 1 || m > 12 || d < 1) return false;
  // Day 0 of the next month is the last day of this one.
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function formatStrike(strike: Decimal | string | undefined, label: string): string {
  let d: Decimal | null;
  if (strike instanceof Decimal) d = strike;
  else d = typeof strike === 'string' ? Decimal.parseOrNull(strike) : null;
  if (d === null || d.sign() <= 0)
    throw new InvalidSymbolError(label, 'strike must be a positive decimal');
  return d.normalize().toString();
}

function canonicalAsset(part: string, symbol: string): string {
  if (!ASSET_FORMAT.test(part))
    throw new InvalidSymbolError(symbol, `bad asset ${JSON.stringify(part)}`);
  const alias = ASSET_ALIASES[part];
  if (alias !== undefined) {
    throw new InvalidSymbolError(symbol, `${part} is an alias, the normalized asset is ${alias}`);
  }
  return part;
}
