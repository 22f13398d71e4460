import { describe, expect, it } from 'vitest';
import { murmur2, partitionForKey } from './murmur2';

describe('murmur2', () => {
  // Vectors from Kafka's own UtilsTest#testMurmur2.
  it.each([
    ['21', -973932308],
    ['foobar', -790332482],
    ['a-little-bit-long-string', -985981536],
    ['a-little-bit-longer-string', -1486304829],
    ['lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8', -58897971],
    ['abc', 479470107],
  ])('hashes %s like Kafka', (text, expected) => {
    expect(murmur2(Buffer.from(text))).toBe(expected);
  });

  it('maps keys into [0, partitions) and spreads them', () => {
    const counts = new Map<number, number>();
    for (let i = 0; i < 12_000; i++) {
      const p = partitionForKey(`binance:SYM${i}-USDT`, 12);
      counts.set(p, (counts.get(p) ?? 0) + 1);
    }
    expect([...counts.keys()].sort((a, b) => a - b)).toEqual([...Array(12).keys()]);
    expect(Math.min(...counts.values())).toBeGreaterThan(800);
  });
});
