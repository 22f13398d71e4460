import { describe, expect, it } from 'vitest';
import { book } from '../testing/events.fixture';
import { BookState } from './book-state';

describe('BookState', () => {
  it('applies deltas to the snapshot, treating 1.0 and 1 as one level and 0 as delete', () => {
    const state = new BookState(
      book(
        'okx',
        'BTC-USDT',
        true,
        [
          ['10', '1'],
          ['9', '1'],
        ],
        [['11', '1']],
        1,
      ),
      100,
    );
    state.apply(
      book(
        'okx',
        'BTC-USDT',
        false,
        [
          ['10.0', '3'],
          ['9.00', '0'],
        ],
        [['12', '2']],
        2,
      ),
    );
    expect(state.toJsonSnapshot()).toMatchObject({
      snapshot: true,
      seq: '2',
      bids: [['10.0', '3']],
      asks: [
        ['11', '1'],
        ['12', '2'],
      ],
    });
  });

  it('ignores deltas until the first snapshot and restarts on a new snapshot', () => {
    const state = new BookState(book('okx', 'BTC-USDT', false, [['10', '1']], [], 1), 100);
    expect(state.isSynced).toBe(false);
    state.apply(book('okx', 'BTC-USDT', true, [['8', '1']], [['9', '1']], 2));
    expect(state.isSynced).toBe(true);
    expect(state.toJsonSnapshot().bids).toEqual([['8', '1']]);
  });

  it('bounds each side, dropping the levels farthest from the touch', () => {
    const bids = Array.from({ length: 50 }, (_, i) => [String(1000 - i), '1'] as [string, string]);
    const asks = Array.from({ length: 50 }, (_, i) => [String(1001 + i), '1'] as [string, string]);
    const state = new BookState(book('okx', 'BTC-USDT', true, bids, asks, 1), 10);
    expect(state.depth).toEqual({ bids: 10, asks: 10 });
    const snap = state.toJsonSnapshot();
    expect(snap.bids[0]).toEqual(['1000', '1']);
    expect(snap.bids[9]).toEqual(['991', '1']);
    expect(snap.asks[9]).toEqual(['1010', '1']);
  });
});
