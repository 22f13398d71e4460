import type { BookSide, LevelChange, MarketTrade } from './market-event';
import type { MarketScenario, ScenarioKind, ScenarioNote } from './market-scenario';
import type { OrderBook } from './order-book';
import type { SeededRandom } from './seeded-random';

/** What a scenario may do to its symbol's market (SymbolMarket hands it over, privates stay private). */
export interface ScenarioHost {
  readonly book: OrderBook;
  readonly random: SeededRandom;
  /** Takes the next book sequence number (one per market step). */
  step(): void;
  /** The sequence of the last step. */
  currentSeq(): number;
  /** Sets a level and records it in this tick's merged changes. */
  setLevel(changes: Map<number, LevelChange>, side: BookSide, ticks: number, lots: number): void;
  /** Takes the next trade id for a trade at the current sequence. */
  trade(
    ticks: number,
    lots: number,
    side: 'buy' | 'sell',
    ts: number,
    kind: ScenarioKind,
  ): MarketTrade;
  /** Moves the fair price the makers follow. */
  moveFair(deltaTicks: number): void;
  /** A random resting size. */
  lots(): number;
}

/** One tick's output the scenario adds to. */
export interface ScenarioTick {
  readonly changes: Map<number, LevelChange>;
  readonly trades: MarketTrade[];
  readonly notes: ScenarioNote[];
  readonly ts: number;
}

const MAX_QUEUED = 100;

interface Running {
  readonly scenario: MarketScenario;
  readonly startedAt: number;
  readonly endsAt: number;
  /** price-spike: applied offset; crossed/locked-book: the injected bid. */
  readonly ticks: number;
}

/**
 * Plays the market scenarios of one symbol, one at a time: a due one ends the running one, and
 * queued ones start in order of their time.
 * Every change goes through ordinary steps, so sequences stay contiguous, each delta still
 * rebuilds the book, and checksums (computed from the book) stay right: the feed is abnormal
 * but a valid stream of its exchange's protocol.
 */
export class ScenarioPlayer {
  /** Waiting scenarios, by notBefore (ties in arrival order). */
  private readonly queued: MarketScenario[] = [];
  private running: Running | null = null;

  constructor(private readonly host: ScenarioHost) {}

  /** False when MAX_QUEUED scenarios already wait (a bound, not a limit anyone should meet). */
  queue(scenario: MarketScenario): boolean {
    if (this.queued.length >= MAX_QUEUED) return false;
    let i = this.queued.length;
    while (i > 0 && this.queued[i - 1].notBefore > scenario.notBefore) i--;
    this.queued.splice(i, 0, scenario);
    return true;
  }

  get active(): ScenarioKind | null {
    return this.running?.scenario.kind ?? null;
  }

  /**
   * A crossed or locked book must stay as injected, so ordinary takers (which consume levels)
   * give way to `heldBookTrade` while it runs.
   */
  get holdsBook(): boolean {
    const k = this.running?.scenario.kind;
    return k === 'crossed-book' || k === 'locked-book';
  }

  /**
   * A taker while the book is held: it trades at the touch (a sell hits the injected bid) and
   * the level is refilled, so volume goes on as usual and no quiet spell follows the scenario.
   */
  heldBookTrade(t: ScenarioTick): void {
    const kind = this.running?.scenario.kind ?? 'crossed-book';
    this.refilledTrade(t, kind, this.host.random.chance(0.5) ? 'buy' : 'sell');
  }

  /** Before the tick's ordinary steps: ends an expired scenario, starts the due ones in order. */
  begin(t: ScenarioTick): void {
    if (this.running && t.ts >= this.running.endsAt) this.end(t);
    while (this.queued.length > 0 && t.ts >= this.queued[0].notBefore) {
      const s = this.queued.shift() as MarketScenario;
      if (this.running) this.end(t);
      this.start(s, t);
    }
  }

  /** After the ordinary steps: a volume spike's extra trades. */
  extra(steps: number, t: ScenarioTick): void {
    const s = this.running?.scenario;
    if (s?.kind !== 'volume-spike') return;
    const n = Math.max(1, steps) * (s.factor - 1);
    for (let i = 0; i < n; i++) {
      this.refilledTrade(t, s.kind, this.host.random.chance(0.5) ? 'buy' : 'sell');
    }
  }

  private start(s: MarketScenario, t: ScenarioTick): void {
    const { book } = this.host;
    const bid = book.bestBid() as number;
    const ask = book.bestAsk() as number;
    let ticks = 0;
    let detail: string;
    switch (s.kind) {
      case 'price-spike': {
        const offset = Math.round((((bid + ask) / 2) * s.bps) / 10_000) || Math.sign(s.bps);
        // Never below one tick: the lowest bid stays a positive price.
        ticks = Math.max(offset, 1 - (book.worst('bid') as number));
        this.shift(t, ticks);
        detail = `book moved ${ticks} ticks (${s.bps} bps of mid ${(bid + ask) / 2})`;
        break;
      }
      case 'crossed-book':
      case 'locked-book':
        ticks = ask + s.ticks;
        this.host.step();
        this.host.setLevel(t.changes, 'bid', ticks, this.host.lots());
        detail = `bid ${ticks} ${ticks > ask ? '>' : '='} ask ${ask}`;
        break;
      case 'volume-spike':
        detail = `${s.factor}× steps, the extra ones trades at the touch`;
        break;
      case 'wash-trades': {
        // A size that matters (a wash trader paints volume), not a chipped touch level's.
        const lots = this.host.lots();
        for (let i = 0; i < s.count; i++) this.refilledTrade(t, s.kind, 'buy', lots);
        t.notes.push(note(s.kind, 'start', this.host, `${s.count} × ${lots} lots at ${ask}`));
        t.notes.push(note(s.kind, 'end', this.host, `${s.count} trades`));
        return;
      }
    }
    this.running = { scenario: s, startedAt: t.ts, endsAt: t.ts + s.durationMs, ticks };
    t.notes.push(note(s.kind, 'start', this.host, detail));
  }

  private end(t: ScenarioTick): void {
    const r = this.running as Running;
    this.running = null;
    const { book } = this.host;
    switch (r.scenario.kind) {
      case 'price-spike':
        this.shift(t, -r.ticks);
        break;
      case 'crossed-book':
      case 'locked-book':
        // Makers never quote at or above the best ask and takers refilled it: the bid is still there.
        if (book.bids.has(r.ticks)) {
          this.host.step();
          this.host.setLevel(t.changes, 'bid', r.ticks, 0);
        }
        break;
      default:
        break;
    }
    t.notes.push(note(r.scenario.kind, 'end', this.host, `after ${t.ts - r.startedAt} ms`));
  }

  /** One step moving every level by `delta` ticks (the merged changes delete, then re-add). */
  private shift(t: ScenarioTick, delta: number): void {
    this.host.step();
    for (const side of ['bid', 'ask'] as const) {
      const levels = this.host.book.levels(side);
      for (const [ticks] of levels) this.host.setLevel(t.changes, side, ticks, 0);
      for (const [ticks, lots] of levels) this.host.setLevel(t.changes, side, ticks + delta, lots);
    }
    this.host.moveFair(delta);
  }

  /** A trade at the touch whose level is refilled in the same step: volume without a price move. */
  private refilledTrade(
    t: ScenarioTick,
    kind: ScenarioKind,
    side: 'buy' | 'sell',
    size?: number,
  ): void {
    const { book } = this.host;
    const bookSide: BookSide = side === 'buy' ? 'ask' : 'bid';
    const ticks = (side === 'buy' ? book.bestAsk() : book.bestBid()) as number;
    const resting = book.side(bookSide).get(ticks) as number;
    // Sizes from the whole resting-size range, not the level's: a small touch level would
    // otherwise repeat one size often enough to look like wash trading.
    const lots = size ?? this.host.lots();
    this.host.step();
    // Re-set at the same size: the delta carries the level, so no update is ever empty.
    this.host.setLevel(t.changes, bookSide, ticks, resting);
    t.trades.push(this.host.trade(ticks, lots, side, t.ts, kind));
  }
}

function note(
  kind: ScenarioKind,
  phase: ScenarioNote['phase'],
  host: ScenarioHost,
  detail: string,
): ScenarioNote {
  return { kind, phase, seq: host.currentSeq(), detail };
}
