import { Decimal } from '../decimal/decimal';
import type { BookLevel, GapRange } from './unified-event';
import { InvalidEventError } from './invalid-event.error';

/**
 * Field readers behind fromJsonEvent: each reads one field of an untrusted object and either
 * returns it typed or throws InvalidEventError naming the field path. Internal to libs/core.
 */
export type JsonObject = Readonly<Record<string, unknown>>;

export function asObject(value: unknown, path: string): JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InvalidEventError(path, 'expected an object');
  }
  return value as JsonObject;
}

export function readString(o: JsonObject, name: string, nonEmpty = false): string {
  const v = o[name];
  if (typeof v !== 'string') throw new InvalidEventError(name, 'expected a string');
  if (nonEmpty && v.length === 0) throw new InvalidEventError(name, 'must not be empty');
  return v;
}

export function readNullableString(o: JsonObject, name: string): string | null {
  const v = o[name];
  if (v !== null && typeof v !== 'string')
    throw new InvalidEventError(name, 'expected a string or null');
  return v;
}

export function readFinite(o: JsonObject, name: string): number {
  const v = o[name];
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    throw new InvalidEventError(name, 'expected a finite number');
  }
  return v;
}

export function readBoolean(o: JsonObject, name: string): boolean {
  const v = o[name];
  if (typeof v !== 'boolean') throw new InvalidEventError(name, 'expected a boolean');
  return v;
}

export function readOneOf<T extends string>(o: JsonObject, name: string, allowed: readonly T[]): T {
  const v = o[name];
  if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) {
    throw new InvalidEventError(name, `expected one of ${allowed.join(', ')}`);
  }
  return v as T;
}

/**
 * A decimal STRING (the JSON contract; a JSON number has already been through a float, so it
 * is rejected). `nonNegative` for amounts and volumes; prices may be negative (spreads).
 */
export function toDecimal(value: unknown, path: string, nonNegative: boolean): Decimal {
  if (typeof value !== 'string') throw new InvalidEventError(path, 'expected a decimal string');
  const d = Decimal.parseOrNull(value);
  if (d === null) throw new InvalidEventError(path, 'not a decimal string');
  if (nonNegative && d.mantissa < 0n) throw new InvalidEventError(path, 'must not be negative');
  return d;
}

export function readDecimal(o: JsonObject, name: string, nonNegative = false): Decimal {
  return toDecimal(o[name], name, nonNegative);
}

/** An array of [price, amount] 2-tuples of decimal strings; amount ≥ 0 ("0" deletes). */
export function readLevels(o: JsonObject, name: string): readonly BookLevel[] {
  const v = o[name];
  if (!Array.isArray(v)) throw new InvalidEventError(name, 'expected an array of [price, amount]');
  const out = new Array<BookLevel>(v.length);
  for (let i = 0; i < v.length; i++) {
    const level: unknown = v[i];
    if (!Array.isArray(level) || level.length !== 2) {
      throw new InvalidEventError(`${name}[${i}]`, 'expected a [price, amount] pair');
    }
    out[i] = [
      toDecimal(level[0], `${name}[${i}][0]`, false),
      toDecimal(level[1], `${name}[${i}][1]`, true),
    ];
  }
  return out;
}

export function readGaps(o: JsonObject, name: string): readonly GapRange[] {
  const v = o[name];
  if (!Array.isArray(v)) throw new InvalidEventError(name, 'expected an array of {from, to}');
  return v.map((g: unknown, i): GapRange => {
    const r = asObject(g, `${name}[${i}]`);
    if (typeof r.from !== 'string' || typeof r.to !== 'string') {
      throw new InvalidEventError(`${name}[${i}]`, 'from and to must be strings');
    }
    return { from: r.from, to: r.to };
  });
}
