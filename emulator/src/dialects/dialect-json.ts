import type { Level } from '../market/order-book';
import type { LevelChange } from '../market/market-event';
import { decimalText } from '../market/decimal-text';
import type { SymbolProfile } from '../market/symbol-profile';

/** JSON string literal of a decimal text (exchanges quote prices to keep them exact). */
export function q(text: string): string {
  return `"${text}"`;
}

/** The price text of `ticks` (what `priceOf(profile, ticks).toString()` prints). */
export function px(profile: SymbolProfile, ticks: number): string {
  return decimalText(ticks, profile.priceExp);
}

/** The amount text of `lots` (what `amountOf(profile, lots).toString()` prints). */
export function sz(profile: SymbolProfile, lots: number): string {
  return decimalText(lots, profile.amountExp);
}

/** `[["price","amount"],…]` of book levels; `extra` adds trailing fields (OKX `"0","1"`). */
export function levelsJson(profile: SymbolProfile, levels: readonly Level[], extra = ''): string {
  let out = '[';
  for (let i = 0; i < levels.length; i++) {
    if (i > 0) out += ',';
    out += `["${px(profile, levels[i][0])}","${sz(profile, levels[i][1])}"${extra}]`;
  }
  return out + ']';
}

/** Splits merged changes per side, best-first, as levels. */
export function changesBySide(changes: readonly LevelChange[]): { bids: Level[]; asks: Level[] } {
  const bids: Level[] = [];
  const asks: Level[] = [];
  for (const c of changes) (c.side === 'bid' ? bids : asks).push([c.ticks, c.lots]);
  bids.sort((x, y) => y[0] - x[0]);
  asks.sort((x, y) => x[0] - y[0]);
  return { bids, asks };
}

/** Parses a client frame as a JSON object; null when it is not one (never throws). */
export function parseObject(text: string): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(text);
    return v !== null && typeof v === 'object' && !Array.isArray(v)
      ? (v as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/** A JSON filler string of about `bytes` characters. */
export function filler(bytes: number): string {
  return 'x'.repeat(Math.max(0, Math.floor(bytes)));
}
