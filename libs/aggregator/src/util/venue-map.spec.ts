import { describe, expect, it } from 'vitest';
import { VenueMap } from './venue-map';

describe('VenueMap', () => {
  it('keys by (exchange, symbol), counts entries and forgets emptied exchanges', () => {
    const m = new VenueMap<number>();
    m.set('okx', 'BTC-USDT', 1);
    m.set('okx', 'ETH-USDT', 2);
    m.set('okx', 'BTC-USDT', 3); // replaces, does not count twice
    m.set('kraken', 'BTC-USDT', 4);
    expect(m.size).toBe(3);
    expect(m.get('okx', 'BTC-USDT')).toBe(3);
    expect(m.get('kraken', 'ETH-USDT')).toBeUndefined();
    // No confusion between a colon in a name and the pair (no `exchange:symbol` string key).
    m.set('a:b', 'c', 5);
    expect(m.get('a', 'b:c')).toBeUndefined();
    for (const [ex, sym] of m.entries()) if (ex === 'okx') m.delete(ex, sym);
    expect([...m.entries()]).toEqual([
      ['kraken', 'BTC-USDT', 4],
      ['a:b', 'c', 5],
    ]);
    expect(m.delete('okx', 'BTC-USDT')).toBe(false);
    expect(m.size).toBe(2);
  });
});
