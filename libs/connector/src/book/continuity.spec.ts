import { describe, expect, it } from 'vitest';
import type { BookEvent } from '@feedgate/core';
import { checkContinuity } from './continuity';

function delta(seq: string | null, prevSeq: string | null = null): BookEvent {
  return {
    type: 'book',
    exchange: 'x',
    symbol: 'A-B',
    nativeSymbol: 'AB',
    ts: 0,
    localTs: 0,
    snapshot: false,
    bids: [],
    asks: [],
    seq,
    prevSeq,
  };
}

describe('checkContinuity', () => {
  it('sequential: applies seq+1, drops duplicates, names the missing range', () => {
    expect(checkContinuity('sequential', 10n, false, delta('11'))).toEqual({
      action: 'apply',
      seq: 11n,
    });
    expect(checkContinuity('sequential', 10n, false, delta('10'))).toEqual({ action: 'drop' });
    expect(checkContinuity('sequential', 10n, false, delta('15'))).toEqual({
      action: 'gap',
      from: '11',
      to: '14',
    });
  });

  it('linked (OKX prevSeqId): prevSeq must equal the last seq on every delta', () => {
    expect(checkContinuity('linked', 100n, false, delta('105', '100')).action).toBe('apply');
    expect(checkContinuity('linked', 100n, false, delta('100', '90'))).toEqual({ action: 'drop' });
    expect(checkContinuity('linked', 100n, false, delta('120', '110'))).toEqual({
      action: 'gap',
      from: '101',
      to: '110',
    });
    // The first-after-snapshot leniency is Binance's only.
    expect(checkContinuity('linked', 100n, true, delta('120', '95')).action).toBe('gap');
  });

  it('binance: first delta straddles the snapshot (U <= lastUpdateId+1 <= u), then U == prev u + 1', () => {
    // snapshot lastUpdateId = 100; delta U=95 (prevSeq 94), u=105 → accepted.
    expect(checkContinuity('binance', 100n, true, delta('105', '94')).action).toBe('apply');
    // entirely older than the snapshot: dropped.
    expect(checkContinuity('binance', 100n, true, delta('99', '90')).action).toBe('drop');
    // first delta starting after lastUpdateId+1: gap.
    expect(checkContinuity('binance', 100n, true, delta('110', '102'))).toEqual({
      action: 'gap',
      from: '101',
      to: '102',
    });
    // later deltas must chain exactly.
    expect(checkContinuity('binance', 105n, false, delta('109', '105')).action).toBe('apply');
    expect(checkContinuity('binance', 105n, false, delta('109', '104')).action).toBe('gap');
  });

  it('a missing seq is a gap of unknown end; rule none applies everything', () => {
    expect(checkContinuity('sequential', 5n, false, delta(null))).toEqual({
      action: 'gap',
      from: '6',
      to: '?',
    });
    expect(checkContinuity('none', 5n, false, delta('1')).action).toBe('apply');
  });
});
