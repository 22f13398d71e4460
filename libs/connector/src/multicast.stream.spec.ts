import { describe, expect, it } from 'vitest';
import { MulticastStream } from './multicast.stream';

describe('MulticastStream', () => {
  it('delivers each value to every current subscriber, in subscription order', () => {
    const stream = new MulticastStream<number>();
    const seen: string[] = [];
    stream.next(0);
    const a = stream.observable.subscribe((v) => seen.push(`a${v}`));
    stream.observable.subscribe((v) => seen.push(`b${v}`));
    stream.next(1);
    a.unsubscribe();
    stream.next(2);
    expect(seen).toEqual(['a1', 'b1', 'b2']);
    expect(stream.observed).toBe(true);
  });

  it('a subscriber joining during a delivery starts with the next value', () => {
    const stream = new MulticastStream<number>();
    const late: number[] = [];
    let joined = false;
    stream.observable.subscribe(() => {
      if (joined) return;
      joined = true;
      stream.observable.subscribe((v) => late.push(v));
    });
    stream.next(1);
    stream.next(2);
    expect(late).toEqual([2]);
  });

  it('a subscriber leaving during a delivery gets nothing more', () => {
    const stream = new MulticastStream<number>();
    const seen: number[] = [];
    const first = stream.observable.subscribe(() => second.unsubscribe());
    const second = stream.observable.subscribe((v) => seen.push(v));
    stream.next(1);
    first.unsubscribe();
    expect(seen).toEqual([]);
    expect(stream.observed).toBe(false);
  });

  it('complete ends everyone, later subscribers complete at once, later values are dropped', () => {
    const stream = new MulticastStream<number>();
    const log: string[] = [];
    stream.observable.subscribe({
      next: (v) => log.push(`v${v}`),
      complete: () => log.push('done'),
    });
    stream.complete();
    stream.next(1);
    stream.complete();
    stream.observable.subscribe({ complete: () => log.push('late done') });
    expect(log).toEqual(['done', 'late done']);
    expect(stream.observed).toBe(false);
  });
});
