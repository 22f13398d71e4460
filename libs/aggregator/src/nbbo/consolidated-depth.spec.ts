import { describe, expect, it } from 'vitest';
import { AggEvents } from '../testing/agg-events';
import { ConsolidatedDepth } from './consolidated-depth';
import { toJsonDepth } from './consolidated-depth.model';

const S = 'ETH-USDT';
const levels = (d: ReturnType<ConsolidatedDepth['top']>) => {
  const j = toJsonDepth(d);
  return {
    bids: j.bids.map((l) => `${l.price}x${l.amount}@${l.exchange}`),
    asks: j.asks.map((l) => `${l.price}x${l.amount}@${l.exchange}`),
  };
};

describe('ConsolidatedDepth', () => {
  it('maintains books from snapshot + deltas and merges the top N across venues', () => {
    const d = new ConsolidatedDepth(4);
    d.process(
      AggEvents.book(
        'binance',
        S,
        0,
        true,
        [
          ['3000', '1'],
          ['2999', '2'],
          ['2998', '3'],
        ],
        [
          ['3001', '1'],
          ['3002', '2'],
        ],
      ),
      0,
    );
    d.process(
      AggEvents.book(
        'okx',
        S,
        0,
        true,
        [
          ['3000.5', '0.5'],
          ['2999.0', '4'],
        ],
        [
          ['3001.5', '1'],
          ['3003', '9'],
        ],
      ),
      0,
    );
    // Deltas: binance deletes 2999 (amount 0) and changes 3001; okx adds a better ask 3000.8.
    d.process(AggEvents.book('binance', S, 10, false, [['2999', '0']], [['3001', '0.25']]), 10);
    const top = d.process(AggEvents.book('okx', S, 10, false, [], [['3000.8', '2']]), 10);
    expect(top?.askPrice?.toString()).toBe('3000.8');
    expect(levels(d.top(S, 10))).toEqual({
      // 2999.0 okx (4) — binance's 2999 was deleted; equal prices would sort larger size first.
      bids: ['3000.5x0.5@okx', '3000x1@binance', '2999.0x4@okx', '2998x3@binance'],
      asks: ['3000.8x2@okx', '3001x0.25@binance', '3001.5x1@okx', '3002x2@binance'],
    });
  });

  it('ignores deltas before a snapshot and drops stale books on tick', () => {
    const d = new ConsolidatedDepth(2, { staleAfterMs: 1_000 });
    expect(d.process(AggEvents.book('kraken', S, 0, false, [['1', '1']], []), 0)).toBeNull();
    d.process(AggEvents.book('okx', S, 0, true, [['10', '1']], [['11', '1']]), 0);
    d.process(AggEvents.book('bybit', S, 500, true, [['10', '3']], [['12', '1']]), 500);
    const [snap] = d.tick(600);
    expect(levels(snap)).toEqual({
      bids: ['10x3@bybit', '10x1@okx'],
      asks: ['11x1@okx', '12x1@bybit'],
    });
    const [after] = d.tick(1_200); // okx silent 1 200 ms > 1 000
    expect(levels(after)).toEqual({ bids: ['10x3@bybit'], asks: ['12x1@bybit'] });
    expect(after.venues).toBe(1);
  });

  it('bounds levels per side', () => {
    const d = new ConsolidatedDepth(10, { maxLevelsPerSide: 3 });
    const bids: [string, string][] = [
      ['5', '1'],
      ['4', '1'],
      ['3', '1'],
      ['2', '1'],
      ['6', '1'],
    ];
    d.process(AggEvents.book('okx', S, 0, true, bids, []), 0);
    expect(levels(d.top(S, 0)).bids).toEqual(['6x1@okx', '5x1@okx', '4x1@okx']);
  });
});
