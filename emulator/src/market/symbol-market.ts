import type {
  Bbo,
  BookDelta,
  BookSide,
  LevelChange,
  MarketBatch,
  MarketTrade,
} from './market-event';
import type { MarketScenario, ScenarioKind, ScenarioNote } from './market-scenario';
import { OrderBook } from './order-book';
import { ScenarioPlayer } from './scenario.player';
import { SeededRandom } from './seeded-random';
import { symbolProfile, type SymbolProfile } from './symbol-profile';

export interface SymbolMarketOptions {
  readonly exchange: string;
  /** Normalized symbol (`BTC-USDT`): picks the price grid. */
  readonly symbol: string;
  /** As the exchange writes it: keys the market inside its exchange. */
  readonly nativeSymbol: string;
  readonly seed: string | number;
  /** Levels per side. */
  readonly depth: number;
  /** Added to the first trade id, sequence and update id (EmulatorOptions.idBase). Default 0. */
  readonly idBase?: number;
}

const TRADE_PROBABILITY = 0.3;

/**
 * The deterministic market of one (exchange, symbol): a seeded random walk of a fair price
 * drives takers (trades at the touch) and makers (level updates), all on one integer book.
 * Every step changes the book and takes one sequence number, so sequences are contiguous
 * and a trade's price is always the best bid/ask at that moment. Same seed → same steps.
 */
export class SymbolMarket {
  readonly profile: SymbolProfile;
  readonly book = new OrderBook();
  /** Sequence of the last applied step (REST `lastUpdateId`). */
  seq: number;
  /** Id of the last trade. */
  tradeId: number;
  /** Id of the last book push (+1 per non-empty batch, +N for an N-step gap). */
  updateId: number;
  /** The last trade, for tickers (`last`, `lastSz`). */
  lastTrade: MarketTrade | null = null;
  private readonly random: SeededRandom;
  private fair: number;
  private pendingGap = 0;
  private lastBbo: Bbo | null = null;
  private readonly scenarios: ScenarioPlayer;

  constructor(readonly options: SymbolMarketOptions) {
    this.random = new SeededRandom(`${options.seed}|${options.exchange}|${options.nativeSymbol}`);
    this.profile = symbolProfile(options.symbol, this.random);
    const base = options.idBase ?? 0;
    this.seq = base + this.random.int(1_000_000, 9_000_000);
    this.tradeId = base + this.random.int(100_000, 900_000);
    this.updateId = base + 1;
    this.fair = this.profile.midTicks;
    this.seedBook();
    this.scenarios = new ScenarioPlayer({
      book: this.book,
      random: this.random,
      step: () => void this.seq++,
      currentSeq: () => this.seq,
      setLevel: (changes, side, ticks, lots) => this.apply(changes, side, ticks, lots),
      trade: (ticks, lots, side, ts, kind) => this.trade(ticks, lots, side, ts, kind),
      moveFair: (delta) => void (this.fair += delta),
      lots: () => this.lots(),
    });
  }

  get nativeSymbol(): string {
    return this.options.nativeSymbol;
  }

  /** Suppress the next `count` book sequence numbers (a `gap` fault). */
  requestGap(count: number): void {
    this.pendingGap += Math.max(1, Math.floor(count));
  }

  /** Plays a scenario from the first tick at or after its `notBefore`; false: queue full. */
  playScenario(scenario: MarketScenario): boolean {
    return this.scenarios.queue(scenario);
  }

  /** The scenario running now, if any. */
  get scenario(): ScenarioKind | null {
    return this.scenarios.active;
  }

  /** Runs `steps` market steps and returns what they produced (merged per level). */
  batch(steps: number, ts: number): MarketBatch {
    let gap: MarketBatch['gap'] = null;
    if (this.pendingGap > 0) {
      // The suppressed steps still change the book: a client that misses them really is out of sync.
      const from = this.seq + 1;
      for (let i = 0; i < this.pendingGap; i++) this.makerStep(new Map());
      gap = { from, to: this.seq };
      this.updateId += this.pendingGap;
      this.pendingGap = 0;
    }
    const trades: MarketTrade[] = [];
    const merged = new Map<number, LevelChange>();
    const prevSeq = this.seq;
    const notes: ScenarioNote[] = [];
    const tick = { changes: merged, trades, notes, ts };
    this.scenarios.begin(tick);
    for (let i = 0; i < steps; i++) {
      this.walk();
      // The draw happens either way, so a market without scenarios replays its seed exactly.
      const taker = this.random.chance(TRADE_PROBABILITY);
      if (!taker) this.makerStep(merged);
      else if (this.scenarios.holdsBook) this.scenarios.heldBookTrade(tick);
      else trades.push(this.takerStep(merged, ts));
    }
    this.scenarios.extra(steps, tick);
    let book: BookDelta | null = null;
    if (this.seq > prevSeq) {
      this.updateId++;
      const changes = [...merged.values()];
      book = {
        firstSeq: prevSeq + 1,
        lastSeq: this.seq,
        prevSeq,
        updateId: this.updateId,
        changes,
      };
    }
    const bbo = this.bboIfChanged();
    const out: MarketBatch = { nativeSymbol: this.nativeSymbol, ts, trades, book, bbo, gap };
    return notes.length > 0 ? { ...out, scenarios: notes } : out;
  }

  currentBbo(): Bbo {
    const b = this.book.bestBid() ?? 0;
    const a = this.book.bestAsk() ?? 0;
    return {
      bidTicks: b,
      bidLots: this.book.bids.get(b) ?? 0,
      askTicks: a,
      askLots: this.book.asks.get(a) ?? 0,
    };
  }

  private bboIfChanged(): Bbo | null {
    const now = this.currentBbo();
    const last = this.lastBbo;
    if (
      last &&
      last.bidTicks === now.bidTicks &&
      last.bidLots === now.bidLots &&
      last.askTicks === now.askTicks &&
      last.askLots === now.askLots
    ) {
      return null;
    }
    this.lastBbo = now;
    return now;
  }

  private seedBook(): void {
    const mid = this.profile.midTicks;
    for (let i = 0; i < this.options.depth; i++) {
      this.book.set('bid', mid - 1 - i, this.lots());
      this.book.set('ask', mid + 1 + i, this.lots());
    }
    this.lastBbo = this.currentBbo();
  }

  private lots(): number {
    return this.random.int(1, this.profile.maxLots);
  }

  /** Fair price random walk, kept a few ticks around the book so makers follow it. */
  private walk(): void {
    if (this.random.chance(0.1)) this.fair += this.random.chance(0.5) ? 1 : -1;
  }

  /** A taker order at the touch: takes part or all of the best level on the other side. */
  private takerStep(merged: Map<number, LevelChange>, ts: number): MarketTrade {
    const bid = this.book.bestBid() as number;
    const ask = this.book.bestAsk() as number;
    // Takers lean towards the fair price: above the mid they buy more often.
    const mid = (bid + ask) / 2;
    const pBuy = this.fair > mid ? 0.7 : this.fair < mid ? 0.3 : 0.5;
    const side: 'buy' | 'sell' = this.random.chance(pBuy) ? 'buy' : 'sell';
    const bookSide: BookSide = side === 'buy' ? 'ask' : 'bid';
    const ticks = side === 'buy' ? ask : bid;
    const resting = this.book.side(bookSide).get(ticks) as number;
    const lots = this.random.int(1, resting);
    this.seq++;
    this.apply(merged, bookSide, ticks, resting - lots);
    if (this.book.side(bookSide).size === 0) {
      // Never leave a side empty: a maker steps in one tick behind.
      this.apply(merged, bookSide, side === 'buy' ? ticks + 1 : ticks - 1, this.lots());
    }
    return this.trade(ticks, lots, side, ts);
  }

  private trade(
    ticks: number,
    lots: number,
    side: 'buy' | 'sell',
    ts: number,
    scenario?: ScenarioKind,
  ): MarketTrade {
    this.tradeId++;
    const t: MarketTrade = { id: this.tradeId, ticks, lots, side, seq: this.seq, ts };
    this.lastTrade = scenario ? { ...t, scenario } : t;
    return this.lastTrade;
  }

  /** A maker adds, resizes or cancels a level near the touch, then the side is trimmed. */
  private makerStep(merged: Map<number, LevelChange>): void {
    const bid = this.book.bestBid() as number;
    const ask = this.book.bestAsk() as number;
    const side: BookSide = this.random.chance(0.5) ? 'bid' : 'ask';
    const levels = this.book.side(side);
    this.seq++;
    const offset = this.random.int(0, Math.max(1, this.options.depth - 1));
    let ticks: number;
    if (side === 'bid') {
      // Bids chase the fair price but never reach the best ask.
      const top = Math.min(ask - 1, Math.max(bid, this.fair - 1));
      ticks = top - offset;
    } else {
      const bottom = Math.max(bid + 1, Math.min(ask, this.fair + 1));
      ticks = bottom + offset;
    }
    const existing = levels.get(ticks);
    if (existing !== undefined && levels.size > 1 && this.random.chance(0.3)) {
      this.apply(merged, side, ticks, 0);
    } else {
      this.apply(merged, side, ticks, this.lots());
    }
    while (levels.size > this.options.depth) {
      this.apply(merged, side, this.book.worst(side) as number, 0);
    }
  }

  private apply(
    merged: Map<number, LevelChange>,
    side: BookSide,
    ticks: number,
    lots: number,
  ): void {
    this.book.set(side, ticks, lots);
    // A number per (side, price) instead of a string: no key to build on every step. The
    // merged changes come out in first-touch order either way (a Map keeps insertion order).
    merged.set(side === 'bid' ? ticks * 2 : ticks * 2 + 1, {
      side,
      ticks,
      lots: Math.max(0, lots),
    });
  }
}
