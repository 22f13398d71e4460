import { describe, expect, it } from 'vitest';
import { Decimal, type BookEvent } from '@feedgate/core';
import type { BookRules } from '../protocol/book-rules';
import { testChecksum } from '../testing/test-protocol';
import { BookSynchronizer, type SyncStep } from './book.synchronizer';

const rules: BookRules = { snapshotSource: 'rest', continuity: 'sequential' };

function ev(seq: number, snapshot = false, bids: [string, string][] = []): BookEvent {
  return {
    type: 'book',
    exchange: 'x',
    symbol: 'A-B',
    nativeSymbol: 'AB',
    ts: 0,
    localTs: 0,
    snapshot,
    bids: bids.map(([p, a]) => [Decimal.parse(p), Decimal.parse(a)] as const),
    asks: [],
    seq: String(seq),
  };
}

const emitted = (steps: SyncStep[]): (string | null)[] =>
  steps.flatMap((s) => (s.kind === 'emit' ? [s.event.seq] : []));

describe('BookSynchronizer', () => {
  it('buffers deltas until the snapshot, then replays only those after it', () => {
    const sync = new BookSynchronizer(rules, 100);
    for (const s of [8, 9, 10, 11, 12]) expect(sync.onDelta(ev(s))).toEqual([]);
    expect(sync.buffered).toBe(5);
    const steps = sync.onSnapshot(ev(10, true));
    expect(emitted(steps)).toEqual(['10', '11', '12']);
    expect(steps[steps.length - 1]).toEqual({ kind: 'synced', seq: '12' });
    expect(sync.synced).toBe(true);
  });

  it('discards deltas buffered before an in-band WebSocket snapshot (they are in it)', () => {
    const sync = new BookSynchronizer({ snapshotSource: 'ws', continuity: 'none' }, 100);
    sync.onDelta(ev(0, false, [['1', '5']]));
    sync.onDelta(ev(0, false, [['2', '5']]));
    const steps = sync.onSnapshot(ev(0, true, [['3', '1']]));
    expect(steps.filter((s) => s.kind === 'emit')).toHaveLength(1);
    expect(sync.buffered).toBe(0);
    expect(sync.synced).toBe(true);
  });

  it('detects a gap on any later delta, not only the first, and starts buffering again', () => {
    const sync = new BookSynchronizer(rules, 100);
    sync.onSnapshot(ev(1, true));
    for (let s = 2; s <= 50; s++) expect(emitted(sync.onDelta(ev(s)))).toEqual([String(s)]);
    expect(sync.onDelta(ev(54))).toEqual([{ kind: 'gap', from: '51', to: '53' }]);
    expect(sync.synced).toBe(false);
    expect(sync.onDelta(ev(55))).toEqual([]);
    expect(emitted(sync.onSnapshot(ev(54, true)))).toEqual(['54', '55']);
  });

  it('overflow policy: a full buffer is dropped and reported', () => {
    const sync = new BookSynchronizer(rules, 3);
    sync.onDelta(ev(1));
    sync.onDelta(ev(2));
    sync.onDelta(ev(3));
    expect(sync.onDelta(ev(4))).toEqual([{ kind: 'overflow', dropped: 4 }]);
    expect(sync.buffered).toBe(0);
  });

  it('flags a checksum mismatch on the delta and falls back to resync', () => {
    const sync = new BookSynchronizer({ ...rules, checksum: testChecksum, checksumDepth: 5 }, 10);
    const snap = ev(1, true, [['10', '1']]);
    const good = testChecksum({ bids: [[Decimal.parse('10'), Decimal.parse('1')]], asks: [] });
    expect(emitted(sync.onSnapshot(snap, good))).toEqual(['1']);
    const goodAfter = testChecksum({
      bids: [
        [Decimal.parse('10'), Decimal.parse('1')],
        [Decimal.parse('9.5'), Decimal.parse('2')],
      ],
      asks: [],
    });
    expect(emitted(sync.onDelta(ev(2, false, [['9.5', '2']]), goodAfter))).toEqual(['2']);
    const steps = sync.onDelta(ev(3, false, [['9', '1']]), 12345);
    expect(steps[0]).toMatchObject({ kind: 'emit', event: { seq: '3', checksumValid: false } });
    expect(steps[1]).toEqual({ kind: 'checksum', seq: '3' });
    expect(sync.synced).toBe(false);
  });
});
