import { describe, expect, it } from 'vitest';
import type { MarketBatch } from './market-event';
import { SeededRandom } from './seeded-random';
import { SymbolMarket } from './symbol-market';

const make = (seed: string | number, native = 'BTCUSDT') =>
  new SymbolMarket({
    exchange: 'binance',
    symbol: 'BTC-USDT',
    nativeSymbol: native,
    seed,
    depth: 10,
  });

const run = (m: SymbolMarket, ticks: number, steps: number): MarketBatch[] => {
  const out: MarketBatch[] = [];
  for (let i = 0; i < ticks; i++) out.push(m.batch(steps, 1_000 + i));
  return out;
};

describe('SeededRandom', () => {
  it('replays the same sequence for the same seed and differs for another', () => {
    const a = new SeededRandom('x');
    const b = new SeededRandom('x');
    const c = new SeededRandom('y');
    const sa = Array.from({ length: 50 }, () => a.nextU32());
    expect(Array.from({ length: 50 }, () => b.nextU32())).toEqual(sa);
    expect(Array.from({ length: 50 }, () => c.nextU32())).not.toEqual(sa);
    for (let i = 0; i < 1000; i++) {
      const v = a.int(3, 7);
      expect(v >= 3 && v <= 7).toBe(true);
    }
  });
});

describe('SymbolMarket', () => {
  it('is deterministic: same seed → same trades, books and sequences', () => {
    const a = run(make(42), 200, 7);
    const b = run(make(42), 200, 7);
    expect(b).toEqual(a);
    expect(run(make(43), 200, 7)).not.toEqual(a);
    // The batching does not change the step sequence: 1400 steps in 1 or in 200 ticks.
    const m1 = make(42);
    const m2 = make(42);
    run(m1, 200, 7);
    run(m2, 1, 1400);
    expect(m2.seq).toBe(m1.seq);
    expect(m2.tradeId).toBe(m1.tradeId);
    expect(m2.book.levels('bid')).toEqual(m1.book.levels('bid'));
  });

  it('idBase shifts trade ids, sequences and update ids, and nothing else', () => {
    const base = 300_000_000;
    const plain = make(42);
    const shifted = new SymbolMarket({ ...plain.options, idBase: base });
    expect([shifted.tradeId, shifted.seq, shifted.updateId]).toEqual([
      plain.tradeId + base,
      plain.seq + base,
      plain.updateId + base,
    ]);
    const a = run(plain, 50, 7);
    const b = run(shifted, 50, 7);
    expect(b.flatMap((x) => x.trades.map((t) => t.id - base))).toEqual(
      a.flatMap((x) => x.trades.map((t) => t.id)),
    );
    expect(b.map((x) => x.book?.lastSeq)).toEqual(a.map((x) => x.book && x.book.lastSeq + base));
    expect(shifted.book.levels('bid')).toEqual(plain.book.levels('bid'));
  });

  it('keeps the book uncrossed, trades at the touch, sequences and trade ids contiguous', () => {
    const m = make('consistency');
    let lastSeq = m.seq;
    let lastTrade = m.tradeId;
    const tradeIdAtStart = m.tradeId;
    for (let i = 0; i < 2000; i++) {
      const bid = m.book.bestBid() as number;
      const ask = m.book.bestAsk() as number;
      const b = m.batch(1, i);
      expect(b.book?.firstSeq).toBe(lastSeq + 1);
      expect(b.book?.prevSeq).toBe(lastSeq);
      lastSeq = b.book?.lastSeq as number;
      for (const t of b.trades) {
        expect(t.id).toBe(lastTrade + 1);
        lastTrade = t.id;
        // A buy lifts the ask that was best before the step, a sell hits the best bid.
        expect(t.ticks).toBe(t.side === 'buy' ? ask : bid);
        expect(t.lots).toBeGreaterThan(0);
      }
      const nb = m.book.bestBid() as number;
      const na = m.book.bestAsk() as number;
      expect(nb).toBeLessThan(na);
      expect(m.book.bids.size).toBeGreaterThan(0);
      expect(m.book.bids.size).toBeLessThanOrEqual(10);
      expect(m.book.asks.size).toBeLessThanOrEqual(10);
      if (b.bbo) expect([b.bbo.bidTicks, b.bbo.askTicks]).toEqual([nb, na]);
    }
    expect(lastTrade).toBeGreaterThan(tradeIdAtStart + 100);
  });

  it('deltas applied to the initial book reproduce the market book', () => {
    const m = make(5);
    const bids = new Map(m.book.bids);
    const asks = new Map(m.book.asks);
    for (const b of run(m, 300, 5)) {
      for (const c of b.book?.changes ?? []) {
        const side = c.side === 'bid' ? bids : asks;
        if (c.lots === 0) side.delete(c.ticks);
        else side.set(c.ticks, c.lots);
      }
    }
    expect(new Map([...bids].sort())).toEqual(new Map([...m.book.bids].sort()));
    expect(new Map([...asks].sort())).toEqual(new Map([...m.book.asks].sort()));
  });

  it('a gap suppresses a sequence range that the next delta skips', () => {
    const m = make(9);
    m.batch(3, 0);
    const before = m.seq;
    m.requestGap(4);
    const b = m.batch(2, 1);
    expect(b.gap).toEqual({ from: before + 1, to: before + 4 });
    expect(b.book?.firstSeq).toBe(before + 5);
    expect(b.book?.prevSeq).toBe(before + 4);
  });

  it('walks the price over time', () => {
    const m = make('walk');
    const start = m.book.bestBid() as number;
    const seen = new Set<number>();
    for (let i = 0; i < 500; i++) {
      m.batch(20, i);
      seen.add(m.book.bestBid() as number);
    }
    expect(seen.size).toBeGreaterThan(5);
    expect([...seen].some((t) => t !== start)).toBe(true);
  });
});
