import type { UnifiedEvent } from '@feedgate/core';
import fc from 'fast-check';
import { Subject, from, throwError, concat, of, VirtualTimeScheduler, delay } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { describe, expect, it, vi } from 'vitest';
import type { DedupReplica, DedupStats } from './dedup-stats';
import { DedupWindow } from './dedup-window';
import { dedup } from './dedup.operator';
import { DedupInvalidEventError } from './errors/dedup-invalid-event.error';
import { DedupEvents as E } from './testing/dedup-events';

interface Item {
  readonly event: UnifiedEvent;
  readonly replica: DedupReplica;
}
const T0 = 1_700_000_000_000;
const framed = {
  eventOf: (i: Item) => i.event,
  replicaOf: (i: Item) => i.replica,
};

function run<T>(items: T[], op: ReturnType<typeof dedup<T>>): T[] {
  const out: T[] = [];
  from(items)
    .pipe(op)
    .subscribe((x) => out.push(x));
  return out;
}

describe('dedup operator', () => {
  it('drops copies from either replica, first copy wins, order preserved', () => {
    const items: Item[] = [
      { event: E.trade('1'), replica: 'A' },
      { event: E.trade('2'), replica: 'B' },
      { event: E.trade('1'), replica: 'B' },
      { event: E.trade('3'), replica: 'B' },
      { event: E.trade('2'), replica: 'A' },
      { event: E.trade('3'), replica: 'A' },
    ];
    let last: DedupStats | undefined;
    const out = run(items, dedup({ ...framed, onStats: (s) => (last = s) }));
    expect(out.map((i) => `${(i.event as { id: string }).id}${i.replica}`)).toEqual([
      '1A',
      '2B',
      '3B',
    ]);
    expect(last).toMatchObject({ seen: 6, passed: 3, duplicates: 3, winsA: 1, winsB: 2 });
  });

  it('works on plain UnifiedEvent streams by default', () => {
    const out = run<UnifiedEvent>([E.trade('1'), E.trade('1'), E.bbo(5, '1', '2')], dedup());
    expect(out).toHaveLength(2);
  });

  it('forgets ids older than the window on the injected clock (TestScheduler)', () => {
    const ts = new TestScheduler((a, b) => expect(a).toEqual(b));
    ts.run(({ cold, expectObservable }) => {
      const ev = { event: E.trade('7'), replica: 'A' as const };
      const copy = { event: E.trade('7'), replica: 'B' as const };
      const src = cold('a 29999ms b 28999ms c 60999ms d', { a: ev, b: copy, c: copy, d: copy });
      const op = dedup<Item>({ ...framed, windowMs: 60_000, arrivalTimeOf: () => ts.now() });
      // a passes (t=0); b at 30 s and c at 59 s are within the window; d at 120 s is new again
      expectObservable(src.pipe(op)).toBe('a 29999ms - 28999ms - 60999ms d', { a: ev, d: copy });
    });
  });

  it('emits periodic stats on the injected scheduler and stops the timer on teardown', () => {
    const scheduler = new VirtualTimeScheduler();
    const seen: number[] = [];
    const src = new Subject<UnifiedEvent>();
    const sub = src
      .pipe(dedup({ onStats: (s) => seen.push(s.seen), statsIntervalMs: 1000, scheduler }))
      .subscribe();
    src.next(E.trade('1'));
    src.next(E.trade('1'));
    scheduler.maxFrames = 3500;
    scheduler.flush();
    expect(seen).toEqual([2, 2, 2]);
    sub.unsubscribe();
    expect(seen).toEqual([2, 2, 2, 2]); // final snapshot
    scheduler.maxFrames = 10_000;
    scheduler.flush();
    expect(seen).toHaveLength(4); // no tick after teardown
    expect(src.observed).toBe(false);
  });

  it('teardown clears its own window, but not a window owned by the caller', () => {
    const clear = vi.spyOn(DedupWindow.prototype, 'clear');
    const src = new Subject<UnifiedEvent>();
    const sub = src.pipe(dedup()).subscribe();
    src.next(E.trade('1'));
    sub.unsubscribe();
    expect(clear).toHaveBeenCalledTimes(1);
    expect(src.observed).toBe(false);

    const shared = new DedupWindow();
    const sub2 = src.pipe(dedup({ window: shared })).subscribe();
    src.next(E.trade('1'));
    sub2.unsubscribe();
    expect(clear).toHaveBeenCalledTimes(1);
    expect(shared.stats().windowSize).toBe(1);
    clear.mockRestore();
  });

  it('a fresh subscription starts with a fresh window', () => {
    const op = dedup<UnifiedEvent>();
    expect(run([E.trade('1')], op)).toHaveLength(1);
    expect(run([E.trade('1')], op)).toHaveLength(1);
  });

  it('forwards source errors on the error channel', () => {
    const boom = new Error('boom');
    const got: unknown[] = [];
    const out: UnifiedEvent[] = [];
    concat(
      of<UnifiedEvent>(E.trade('1')),
      throwError(() => boom),
    )
      .pipe(dedup())
      .subscribe({ next: (e) => out.push(e), error: (e) => got.push(e) });
    expect(out).toHaveLength(1);
    expect(got).toEqual([boom]);
  });

  it('reports an unusable item as DedupInvalidEventError, or drops and counts it', () => {
    const bad = { type: 'trade', exchange: 'x', symbol: 'y' } as unknown as UnifiedEvent;
    const errors: unknown[] = [];
    from([bad])
      .pipe(dedup())
      .subscribe({ error: (e) => errors.push(e) });
    expect(errors[0]).toBeInstanceOf(DedupInvalidEventError);

    let stats: DedupStats | undefined;
    const out = run([bad, E.trade('1')], dedup({ invalid: 'drop', onStats: (s) => (stats = s) }));
    expect(out).toHaveLength(1);
    expect(stats?.invalid).toBe(1);
  });

  it('property: any interleaving of two lossy replicas yields each event once, in first-arrival order', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }).chain((n) =>
          fc.tuple(
            fc.constant(n),
            fc.array(fc.boolean(), { minLength: n, maxLength: n }), // A has event i?
            fc.array(fc.boolean(), { minLength: n, maxLength: n }), // B has event i?
            fc.array(fc.boolean(), { minLength: 2 * n, maxLength: 2 * n }), // merge choices
          ),
        ),
        ([n, inA, inB, picks]) => {
          // one arrival clock for all (gates receive them within ms of each other)
          const over = (i: number) => ({ localTs: T0 + i });
          const events = Array.from({ length: n }, (_, i): UnifiedEvent => {
            if (i % 3 === 0) return E.trade(String(1000 + i), over(i));
            if (i % 3 === 1) return E.book(null, [[String(i), '1']], over(i));
            return E.bbo(T0 + i, '1', '2', over(i));
          });
          const a = events
            .filter((_, i) => inA[i])
            .map((event) => ({ event, replica: 'A' as const }));
          const b = events
            .filter((_, i) => inB[i])
            .map((event) => ({ event, replica: 'B' as const }));
          const merged: Item[] = [];
          let ia = 0;
          let ib = 0;
          for (const pickA of picks) {
            if ((pickA && ia < a.length) || ib >= b.length) {
              if (ia < a.length) merged.push(a[ia++]);
            } else merged.push(b[ib++]);
          }
          while (ia < a.length) merged.push(a[ia++]);
          while (ib < b.length) merged.push(b[ib++]);

          const firstArrival: UnifiedEvent[] = [];
          for (const m of merged) if (!firstArrival.includes(m.event)) firstArrival.push(m.event);
          const out = run(merged, dedup(framed)).map((i) => i.event);
          expect(out).toEqual(firstArrival); // same objects, same order
          expect(new Set(out).size).toBe(events.filter((_, i) => inA[i] || inB[i]).length);
        },
      ),
      { numRuns: 300 },
    );
  });
});
