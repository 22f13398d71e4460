import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DedupWindow } from './dedup-window';
import { DedupConfigError } from './errors/dedup-config.error';
import { DedupInvalidEventError } from './errors/dedup-invalid-event.error';
import { DedupEvents as E } from './testing/dedup-events';

describe('DedupWindow', () => {
  it('drops later copies from A and B; the first copy wins whichever replica sent it', () => {
    const w = new DedupWindow();
    expect(w.accept(E.trade('1'), 'B')).toBe(true);
    expect(w.accept(E.trade('1'), 'A')).toBe(false);
    expect(w.accept(E.trade('2'), 'A')).toBe(true);
    expect(w.accept(E.trade('2'), 'B')).toBe(false);
    expect(w.accept(E.trade('2'), 'B')).toBe(false);
    const s = w.stats();
    expect(s).toMatchObject({ seen: 5, passed: 2, duplicates: 3, winsA: 1, winsB: 1 });
    expect(s).toMatchObject({ duplicatesFromA: 1, duplicatesFromB: 2, windowSize: 2, keys: 1 });
  });

  it('passes distinct events with equal prices, and equal ids on other keys', () => {
    const w = new DedupWindow();
    expect(w.accept(E.trade('10'))).toBe(true);
    expect(w.accept(E.trade('11'))).toBe(true);
    expect(w.accept(E.trade('10', { symbol: 'ETH-USDT' }))).toBe(true);
    expect(w.accept(E.trade('10', { exchange: 'okx' }))).toBe(true);
    expect(w.accept(E.trade('10'))).toBe(false);
    expect(w.stats().keys).toBe(3);
  });

  it('dedups seq-less book deltas by content and BBOs by time + content', () => {
    const w = new DedupWindow();
    expect(w.accept(E.book(null, [['1', '2']]), 'A')).toBe(true);
    expect(w.accept(E.book(null, [['1', '2']]), 'B')).toBe(false);
    expect(w.accept(E.book(null, [['1', '3']]), 'B')).toBe(true);
    expect(w.accept(E.bbo(1000, '5', '6'), 'A')).toBe(true);
    expect(w.accept(E.bbo(1000, '5', '6'), 'B')).toBe(false);
    expect(w.accept(E.bbo(1001, '5', '6'), 'B')).toBe(true);
  });

  it('expires ids after windowMs of ARRIVAL time, so a lagging replica within it still dedups', () => {
    const w = new DedupWindow({ windowMs: 60_000 });
    const ev = E.trade('1', { ts: 0 });
    expect(w.accept(ev, 'A', 1_000)).toBe(true);
    expect(w.accept(ev, 'B', 60_999)).toBe(false); // 59.999 s later: still recognized
    expect(w.accept(E.trade('2'), 'A', 61_000)).toBe(true); // clock moves on: id 1 expires
    expect(w.stats()).toMatchObject({ expired: 1, windowSize: 1, onlyFromA: 0, earlyEvictions: 0 });
    expect(w.accept(ev, 'B', 61_000)).toBe(true); // beyond the window it is new again
  });

  it('never lets the clock run backwards (an old arrival time does not resurrect anything)', () => {
    const w = new DedupWindow({ windowMs: 100 });
    w.accept(E.trade('1'), 'A', 1000);
    w.accept(E.trade('2'), 'A', 1200); // expires id 1
    expect(w.accept(E.trade('2'), 'B', 500)).toBe(false);
    expect(w.stats().windowSize).toBe(1);
  });

  it('counts ids seen only from A or only from B when they leave', () => {
    const w = new DedupWindow({ windowMs: 10 });
    w.accept(E.trade('1'), 'A', 0);
    w.accept(E.trade('1'), 'B', 1);
    w.accept(E.trade('2'), 'A', 2);
    w.accept(E.trade('3'), 'B', 3);
    w.accept(E.trade('9'), 'A', 100); // expires 1, 2, 3
    expect(w.stats()).toMatchObject({ expired: 3, onlyFromA: 1, onlyFromB: 1 });
  });

  it('bounds ids per key (oldest of the key evicted, counted as early)', () => {
    const w = new DedupWindow({ maxIdsPerKey: 3 });
    for (let i = 0; i < 5; i++) w.accept(E.trade(String(i)));
    w.accept(E.trade('0', { symbol: 'X-Y' }));
    expect(w.stats()).toMatchObject({ windowSize: 4, evictedByKeyBound: 2, earlyEvictions: 2 });
    expect(w.accept(E.trade('4'))).toBe(false);
    expect(w.accept(E.trade('2'))).toBe(false);
    expect(w.accept(E.trade('1'))).toBe(true); // evicted early: a late copy passes (the trade-off)
  });

  it('bounds ids overall (globally oldest evicted) and grows its ring without losing ids', () => {
    const w = new DedupWindow({ maxIds: 5000, initialCapacity: 16 });
    for (let i = 0; i < 7000; i++) w.accept(E.trade(String(i), { symbol: `S${i % 7}` }));
    const s = w.stats();
    expect(s.windowSize).toBe(5000);
    expect(s.capacity).toBe(5000);
    expect(s.evictedByTotalBound).toBe(2000);
    for (let i = 2000; i < 7000; i++) {
      expect(w.accept(E.trade(String(i), { symbol: `S${i % 7}` }))).toBe(false);
    }
    expect(w.accept(E.trade('1999', { symbol: `S${1999 % 7}` }))).toBe(true);
  });

  it('stays within its bounds under 1,000,000 distinct keys', () => {
    const w = new DedupWindow({ maxKeys: 50_000, maxIds: 80_000 });
    let maxKeys = 0;
    let maxSize = 0;
    for (let i = 0; i < 1_000_000; i++) {
      w.offer('ex', `K${i}`, 0, i & 3, i, 'A');
      if ((i & 4095) === 0 || i > 999_000) {
        const s = w.stats();
        maxKeys = Math.max(maxKeys, s.keys);
        maxSize = Math.max(maxSize, s.windowSize);
      }
    }
    const s = w.stats();
    expect(maxKeys).toBe(50_000);
    expect(maxSize).toBeLessThanOrEqual(80_000);
    expect(s.passed).toBe(1_000_000);
    expect(s.evictedByKeyCount).toBe(950_000);
    expect(s.earlyEvictions).toBe(950_000);
    expect(w.offer('ex', 'K999999', 0, 999_999 & 3, 1e6, 'B')).toBe(false);
    expect(w.offer('ex', 'K0', 0, 0, 1e6, 'B')).toBe(true);
  }, 30_000);

  it('clear() forgets every id and key', () => {
    const w = new DedupWindow();
    w.accept(E.trade('1'));
    w.clear();
    expect(w.stats()).toMatchObject({ windowSize: 0, keys: 0, seen: 1 });
    expect(w.accept(E.trade('1'))).toBe(true);
  });

  it('rejects an event without a finite arrival time', () => {
    const w = new DedupWindow();
    expect(() => w.accept(E.trade('1', { localTs: Number.NaN }))).toThrow(DedupInvalidEventError);
    expect(w.stats().windowSize).toBe(0);
  });

  it('rejects out-of-range options with DedupConfigError', () => {
    expect(() => new DedupWindow({ windowMs: 0 })).toThrow(DedupConfigError);
    expect(() => new DedupWindow({ maxIds: 1.5 })).toThrow(DedupConfigError);
    expect(() => new DedupWindow({ maxKeys: -1 })).toThrow(DedupConfigError);
  });

  it('acceptAll decides exactly as accept() one event at a time, and flags unusable events', () => {
    type Op = { key: number; id: number; dt: number; replica: 'A' | 'B' | undefined; bad: number };
    const op = fc.record({
      key: fc.integer({ min: 0, max: 2 }),
      id: fc.integer({ min: 0, max: 40 }),
      dt: fc.integer({ min: 0, max: 3 }),
      replica: fc.constantFrom<'A' | 'B' | undefined>('A', 'B', undefined),
      bad: fc.integer({ min: 0, max: 30 }),
    });
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 300 }), (ops: Op[]) => {
        const options = {
          windowMs: 25,
          maxIds: 40,
          maxIdsPerKey: 9,
          maxKeys: 2,
          initialCapacity: 1,
        };
        const one = new DedupWindow(options);
        const all = new DedupWindow(options);
        let now = 0;
        const events = ops.map(({ key, id, dt, bad }) => {
          now += dt;
          const e = E.trade(String(id), { symbol: `S${key}`, localTs: bad === 0 ? NaN : now });
          return bad === 1 ? ({ ...e, type: 'nope' } as unknown as typeof e) : e;
        });
        const expected = events.map((e, i) => {
          try {
            return one.accept(e, ops[i].replica) ? DedupWindow.FIRST : DedupWindow.DUPLICATE;
          } catch {
            return DedupWindow.INVALID;
          }
        });
        const verdicts = new Uint8Array(events.length);
        const firsts = all.acceptAll(
          events,
          ops.map((o) => o.replica),
          verdicts,
        );
        expect([...verdicts]).toEqual(expected);
        expect(firsts).toBe(expected.filter((v) => v === DedupWindow.FIRST).length);
        expect(all.stats()).toEqual(one.stats());
      }),
      { numRuns: 200 },
    );
  });

  it('acceptAll takes one replica for a whole frame', () => {
    const w = new DedupWindow();
    const verdicts = new Uint8Array(3);
    expect(w.acceptAll([E.trade('1'), E.trade('2'), E.trade('1')], 'B', verdicts)).toBe(2);
    expect([...verdicts]).toEqual([DedupWindow.FIRST, DedupWindow.FIRST, DedupWindow.DUPLICATE]);
    expect(w.stats()).toMatchObject({ winsB: 2, duplicatesFromB: 1 });
  });

  it('matches a reference model (time window + per-key and overall FIFO bounds)', () => {
    type Op = { key: number; id: number; dt: number };
    const op = fc.record({
      key: fc.integer({ min: 0, max: 3 }),
      id: fc.integer({ min: 0, max: 30 }),
      dt: fc.integer({ min: 0, max: 4 }),
    });
    fc.assert(
      fc.property(
        fc.array(op, { minLength: 100, maxLength: 600, size: 'max' }),
        fc.integer({ min: 1, max: 12 }),
        (ops: Op[], perKey) => {
          const windowMs = 30;
          const maxIds = 20;
          const w = new DedupWindow({ windowMs, maxIds, maxIdsPerKey: perKey, initialCapacity: 1 });
          // Reference: a plain array of live entries in arrival order, plus ring slot accounting.
          let ring: { key: number; id: number; t: number; dead: boolean }[] = [];
          let now = 0;
          for (const { key, id, dt } of ops) {
            now += dt;
            ring = ring.filter((e) => e.t > now - windowMs); // times never decrease: this is head-popping
            const hit = ring.some((e) => !e.dead && e.key === key && e.id === id);
            const got = w.offer('x', `k${key}`, id, id * 7, now);
            if (got === hit) return false;
            if (hit) continue;
            if (ring.length === maxIds) ring.shift();
            const own = ring.filter((e) => !e.dead && e.key === key);
            if (own.length >= perKey) own[0].dead = true;
            ring.push({ key, id, t: now, dead: false });
            if (w.stats().windowSize !== ring.filter((e) => !e.dead).length) return false;
          }
          return true;
        },
      ),
      { numRuns: 200 },
    );
  }, 60_000);
});
