import { describe, expect, it } from 'vitest';
import { BookSnapshotPolicy } from './book-snapshot.policy';

const K = 'kraken:BTC-USD';

describe('BookSnapshotPolicy', () => {
  it("withholds a joining replica's snapshot while the other replica's stream is live", () => {
    const p = new BookSnapshotPolicy({ maxKeys: 10 });
    expect(p.onBookCopy(K, 'A', true, true, 0)).toBe(true); // first book of the key
    expect(p.onBookCopy(K, 'A', false, true, 100)).toBe(true); // deltas always pass
    expect(p.onBookCopy(K, 'B', true, true, 150)).toBe(false); // B joins 150 ms later
    expect(p.suppressed).toBe(1);
  });

  it("withholds a replica's resync while the other has run since before the miss", () => {
    const p = new BookSnapshotPolicy({ maxKeys: 10 });
    p.onBookCopy(K, 'A', true, true, 0);
    p.onBookCopy(K, 'B', true, true, 100);
    for (let t = 200; t <= 10_000; t += 200) {
      p.onBookCopy(K, 'A', false, true, t);
      p.onBookCopy(K, 'B', false, false, t + 5);
    }
    expect(p.onBookCopy(K, 'A', true, true, 10_100)).toBe(false); // B covered A's miss
  });

  it('emits the second resync when both replicas missed the same update', () => {
    const p = new BookSnapshotPolicy({ maxKeys: 10 });
    p.onBookCopy(K, 'A', true, true, 0);
    p.onBookCopy(K, 'B', true, true, 100);
    for (let t = 200; t <= 10_000; t += 200) {
      p.onBookCopy(K, 'A', false, true, t);
      p.onBookCopy(K, 'B', false, false, t + 5);
    }
    expect(p.onBookCopy(K, 'A', true, true, 10_100)).toBe(false);
    p.onBookCopy(K, 'A', false, true, 10_300);
    // B's resync 600 ms after A's: A's new run is too young to have covered B's miss.
    expect(p.onBookCopy(K, 'B', true, true, 10_700)).toBe(true);
  });

  it('emits a single replica reconnecting, and any snapshot once the others went quiet', () => {
    const p = new BookSnapshotPolicy({ maxKeys: 10, liveMs: 2000 });
    expect(p.onBookCopy(K, 'A', true, true, 0)).toBe(true);
    expect(p.onBookCopy(K, 'A', true, true, 5000)).toBe(true); // no other source
    p.onBookCopy(K, 'B', true, true, 5100); // withheld: A live
    // A falls silent; B resyncs 3 s later: A is no longer live.
    expect(p.onBookCopy(K, 'B', true, true, 8200)).toBe(true);
  });

  it('treats the stream rebuilt from md.unified as a live source after a restart', () => {
    const p = new BookSnapshotPolicy({ maxKeys: 10 });
    p.onRebuilt(K, true, 0);
    p.onRebuilt(K, false, 900);
    expect(p.onBookCopy(K, 'B', true, true, 1000)).toBe(false);
    const quiet = new BookSnapshotPolicy({ maxKeys: 10 });
    quiet.onRebuilt(K, false, 0);
    expect(quiet.onBookCopy(K, 'B', true, true, 5000)).toBe(true);
  });

  it('keeps keys apart and forgets the oldest key past its bound', () => {
    const p = new BookSnapshotPolicy({ maxKeys: 1 });
    p.onBookCopy('a', 'A', true, true, 0);
    expect(p.onBookCopy('b', 'B', true, true, 10)).toBe(true); // other key: nothing live
    expect(p.onBookCopy('a', 'B', true, true, 20)).toBe(true); // 'a' was forgotten
  });

  it('settles sequenced books by seq: stale snapshots and deltas inside a snapshot are withheld', () => {
    const p = new BookSnapshotPolicy({ maxKeys: 10 });
    const B = 'binance:BTC-USDT';
    expect(p.onBookCopy(B, 'A', true, true, 0, 100n)).toBe(true);
    expect(p.onBookCopy(B, 'A', false, true, 10, 101n)).toBe(true);
    expect(p.onBookCopy(B, 'A', false, true, 20, 102n)).toBe(true);
    expect(p.onBookCopy(B, 'B', true, true, 30, 101n)).toBe(false); // older than delta 102
    // Both replicas stalled and resynced: a snapshot at or past the last delta is delivered,
    // whatever the sources' liveness, and a late delta it contains is not.
    expect(p.onBookCopy(B, 'A', true, true, 1500, 140n)).toBe(true);
    expect(p.onBookCopy(B, 'B', false, true, 1510, 139n)).toBe(false);
    expect(p.onBookCopy(B, 'B', false, true, 1520, 141n)).toBe(true);
    expect(p.suppressed).toBe(2);
  });
});
