import { describe, expect, it } from 'vitest';
import type { MarketBatch } from './market-event';
import type { MarketScenario } from './market-scenario';
import { SymbolMarket } from './symbol-market';

const make = (seed: string | number = 7) =>
  new SymbolMarket({
    exchange: 'okx',
    symbol: 'BTC-USDT',
    nativeSymbol: 'BTC-USDT',
    seed,
    depth: 10,
  });

/**
 * Drives a market tick by tick (ts = 1000 + 10 × i) and checks on every batch what a client
 * relies on: contiguous sequences and trade ids, and deltas that rebuild the market's book.
 */
class Driver {
  readonly batches: MarketBatch[] = [];
  readonly bids: Map<number, number>;
  readonly asks: Map<number, number>;
  private lastSeq: number;
  private lastTrade: number;
  private i = 0;

  constructor(readonly m: SymbolMarket) {
    this.bids = new Map(m.book.bids);
    this.asks = new Map(m.book.asks);
    this.lastSeq = m.seq;
    this.lastTrade = m.tradeId;
  }

  get ts(): number {
    return 1_000 + 10 * this.i;
  }

  run(ticks: number, steps = 5): MarketBatch[] {
    const out: MarketBatch[] = [];
    for (let k = 0; k < ticks; k++, this.i++) {
      const b = this.m.batch(steps, this.ts);
      if (b.book) {
        expect(b.book.prevSeq).toBe(this.lastSeq);
        expect(b.book.firstSeq).toBe(this.lastSeq + 1);
        this.lastSeq = b.book.lastSeq;
        for (const c of b.book.changes) {
          const side = c.side === 'bid' ? this.bids : this.asks;
          if (c.lots === 0) side.delete(c.ticks);
          else side.set(c.ticks, c.lots);
        }
      }
      for (const t of b.trades) {
        expect(t.id).toBe(++this.lastTrade);
        expect(t.seq).toBeLessThanOrEqual(this.lastSeq);
      }
      expect(sorted(this.bids)).toEqual(sorted(this.m.book.bids));
      expect(sorted(this.asks)).toEqual(sorted(this.m.book.asks));
      out.push(b);
    }
    this.batches.push(...out);
    return out;
  }
}

const sorted = (m: ReadonlyMap<number, number>) => [...m].sort((x, y) => x[0] - y[0]);
const notes = (bs: readonly MarketBatch[]) => bs.flatMap((b) => b.scenarios ?? []);

describe('market scenarios (SymbolMarket + ScenarioPlayer)', () => {
  it('price-spike: the whole book moves by bps of the mid for the duration, then back', () => {
    const d = new Driver(make());
    d.run(50);
    const mid = ((d.m.book.bestBid() as number) + (d.m.book.bestAsk() as number)) / 2;
    const spike: MarketScenario = {
      kind: 'price-spike',
      notBefore: d.ts,
      durationMs: 300,
      bps: 500,
    };
    d.m.playScenario(spike);
    const [first] = d.run(1);
    expect(d.m.scenario).toBe('price-spike');
    const offset = Math.round((mid * 500) / 10_000);
    expect(notes([first])).toEqual([
      expect.objectContaining({ kind: 'price-spike', phase: 'start', seq: expect.any(Number) }),
    ]);
    // The mid is now about 5 % higher; ordinary steps move it by a few ticks at most.
    const spiked = ((d.m.book.bestBid() as number) + (d.m.book.bestAsk() as number)) / 2;
    expect(Math.abs(spiked - mid - offset)).toBeLessThan(10);
    const during = d.run(29);
    for (const t of during.flatMap((b) => b.trades)) {
      expect(Math.abs(t.ticks - mid - offset)).toBeLessThan(50);
    }
    expect(notes(during)).toEqual([]);
    const after = d.run(2);
    expect(notes(after).map((n) => n.phase)).toEqual(['end']);
    expect(d.m.scenario).toBeNull();
    const back = ((d.m.book.bestBid() as number) + (d.m.book.bestAsk() as number)) / 2;
    expect(Math.abs(back - mid)).toBeLessThan(50);
    expect(d.m.book.bestBid() as number).toBeLessThan(d.m.book.bestAsk() as number);
  });

  it('a downward spike never takes a price to zero or below', () => {
    const d = new Driver(make('down'));
    d.m.playScenario({ kind: 'price-spike', notBefore: 0, durationMs: 50, bps: -5_000 });
    d.run(3);
    expect(d.m.book.worst('bid') as number).toBeGreaterThan(0);
  });

  it.each([
    ['crossed-book', 5],
    ['locked-book', 0],
  ] as const)(
    '%s: the best bid is ticks above the best ask until the end; trades go on at the touch',
    (kind, ticks) => {
      const d = new Driver(make(kind));
      d.run(20);
      d.m.playScenario({ kind, notBefore: 0, durationMs: 200, ticks });
      const during = d.run(19);
      expect(notes(during).map((n) => n.phase)).toEqual(['start']);
      const ask = d.m.book.bestAsk() as number;
      for (const b of during.slice(1)) {
        expect(b.bbo === null || b.bbo.bidTicks - b.bbo.askTicks === ticks).toBe(true);
      }
      expect((d.m.book.bestBid() as number) - ask).toBe(ticks);
      // Buyers lift the ask, sellers hit the injected bid; neither level moves.
      const held = during.flatMap((b) => b.trades);
      expect(held.length).toBeGreaterThan(10);
      for (const t of held) {
        expect(t.scenario).toBe(kind);
        expect(t.ticks).toBe(t.side === 'buy' ? ask : ask + ticks);
      }
      const after = d.run(40);
      expect(notes(after).map((n) => n.phase)).toEqual(['end']);
      expect(d.m.book.bestBid() as number).toBeLessThan(d.m.book.bestAsk() as number);
      expect(after.some((b) => b.trades.some((t) => t.scenario === undefined))).toBe(true);
    },
  );

  it('volume-spike: factor × the steps, the extra ones trades at the touch that leave the book as it was', () => {
    const d = new Driver(make('volume'));
    const normal = d.run(100).reduce((n, b) => n + b.trades.length, 0);
    d.m.playScenario({ kind: 'volume-spike', notBefore: 0, durationMs: 1_000, factor: 10 });
    const spike = d.run(100);
    const spikeTrades = spike.flatMap((b) => b.trades);
    expect(spikeTrades.length).toBeGreaterThan(normal * 20);
    const tagged = spikeTrades.filter((t) => t.scenario === 'volume-spike');
    // 9 extra steps per ordinary one, each a trade.
    expect(tagged.length).toBe(100 * 5 * 9);
    expect(new Set(tagged.map((t) => t.lots)).size).toBeGreaterThan(tagged.length / 2);
    d.run(5);
    expect(d.m.scenario).toBeNull();
  });

  it('wash-trades: count trades of one size at the best ask in one tick; the book keeps the level', () => {
    const d = new Driver(make('wash'));
    d.run(30);
    const ask = d.m.book.bestAsk() as number;
    const resting = d.m.book.asks.get(ask);
    d.m.playScenario({ kind: 'wash-trades', notBefore: 0, count: 7 });
    const [b] = d.run(1, 0);
    const wash = b.trades.filter((t) => t.scenario === 'wash-trades');
    expect(wash).toHaveLength(7);
    expect(new Set(wash.map((t) => `${t.ticks}|${t.lots}|${t.side}`))).toEqual(
      new Set([`${ask}|${wash[0].lots}|buy`]),
    );
    expect(d.m.book.asks.get(ask)).toBe(resting);
    expect(notes([b]).map((n) => n.phase)).toEqual(['start', 'end']);
    expect(d.m.scenario).toBeNull();
  });

  it('a new scenario ends the running one first, and a future one waits for its time', () => {
    const d = new Driver(make('queue'));
    d.m.playScenario({ kind: 'crossed-book', notBefore: 0, durationMs: 10_000, ticks: 3 });
    d.run(2);
    d.m.playScenario({ kind: 'price-spike', notBefore: d.ts + 100, durationMs: 50, bps: 100 });
    expect(notes(d.run(10))).toEqual([]);
    const [b] = d.run(1);
    expect(notes([b]).map((n) => `${n.kind}:${n.phase}`)).toEqual([
      'crossed-book:end',
      'price-spike:start',
    ]);
    expect(d.m.book.bestBid() as number).toBeLessThan(d.m.book.bestAsk() as number);
  });

  it('queued scenarios play in order of their time, not of their request', () => {
    const d = new Driver(make('order'));
    d.m.playScenario({ kind: 'wash-trades', notBefore: d.ts + 50, count: 3 });
    d.m.playScenario({ kind: 'price-spike', notBefore: d.ts, durationMs: 1_000, bps: 50 });
    const played = notes(d.run(10)).map((n) => `${n.kind}:${n.phase}`);
    expect(played).toEqual([
      'price-spike:start',
      'price-spike:end',
      'wash-trades:start',
      'wash-trades:end',
    ]);
  });

  it('is deterministic: same seed and scenarios → same batches', () => {
    const play = () => {
      const m = make(11);
      const out: MarketBatch[] = [];
      m.playScenario({ kind: 'volume-spike', notBefore: 1_050, durationMs: 100, factor: 3 });
      for (let i = 0; i < 40; i++) out.push(m.batch(4, 1_000 + 10 * i));
      m.playScenario({ kind: 'wash-trades', notBefore: 0, count: 5 });
      out.push(m.batch(4, 2_000));
      return out;
    };
    expect(play()).toEqual(play());
  });
});
