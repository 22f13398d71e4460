import type { MarketBatch } from '../market/market-event';
import type { ScenarioKind } from '../market/market-scenario';
import { RangeSet, type IntRange } from './range-set';

/** Scenarios remembered per (exchange, symbol): the oldest are dropped past this. */
const MAX_SCENARIOS = 100;

/** One market scenario as the market played it (times are market-tick times, epoch ms). */
export interface ScenarioTruth {
  readonly kind: ScenarioKind;
  readonly startedAt: number;
  /** The market's sequence once it started / ended. */
  readonly startSeq: number;
  readonly endedAt: number | null;
  readonly endSeq: number | null;
  readonly detail: string;
  /** Ids of the trades the scenario itself made (volume-spike, wash-trades). */
  readonly trades: IntRange[];
}

interface ScenarioRecord {
  readonly kind: ScenarioKind;
  readonly startedAt: number;
  readonly startSeq: number;
  endedAt: number | null;
  endSeq: number | null;
  readonly detail: string;
  readonly trades: RangeSet;
}

export type GroundTruthChannel = 'trades' | 'book' | 'bbo';

/** What the emulator did for one (exchange, symbol). */
export interface SymbolTruth {
  readonly exchange: string;
  readonly symbol: string;
  /** Trade ids generated / sent on at least one connection. */
  readonly tradesGenerated: number;
  readonly tradesSent: IntRange[];
  /** Full id log of sent trades, up to the recorder's cap (`tradeLogTruncated` past it). */
  readonly tradeLog: number[];
  readonly tradeLogTruncated: boolean;
  /** Book sequence numbers covered by deltas sent on at least one connection. */
  readonly bookSeqSent: IntRange[];
  /** Sequence ranges the market generated but a `gap` fault suppressed. */
  readonly bookGaps: IntRange[];
  /** Snapshots served (WS or REST). */
  readonly snapshots: number;
  readonly bboSent: number;
  /** Market scenarios played, oldest first (at most the last 100). */
  readonly scenarios: ScenarioTruth[];
}

class SymbolRecord {
  tradesGenerated = 0;
  readonly tradesSent = new RangeSet();
  readonly tradeLog: number[] = [];
  tradeLogTruncated = false;
  readonly bookSeqSent = new RangeSet();
  readonly bookGaps = new RangeSet(1_000);
  snapshots = 0;
  bboSent = 0;
  readonly scenarios: ScenarioRecord[] = [];
}

/**
 * Ground truth of what was emitted, so tests can prove what a client did and did not get.
 * Bounded: ids and sequences are kept as ranges; the optional full trade-id log stops at
 * `tradeLogCap` per symbol.
 */
export class GroundTruthRecorder {
  /** By `exchange|symbol`, in first-record order (the order `keys()` lists). */
  private readonly records = new Map<string, SymbolRecord>();
  /** The same records by exchange, then symbol. */
  private readonly byExchange = new Map<string, Map<string, SymbolRecord>>();

  constructor(private readonly tradeLogCap = 100_000) {}

  tradeGenerated(exchange: string, symbol: string, count: number): void {
    this.rec(exchange, symbol).tradesGenerated += count;
  }

  tradeSent(exchange: string, symbol: string, id: number): void {
    const r = this.rec(exchange, symbol);
    // A replayed last trade (sent again on subscribe) is logged once.
    if (r.tradesSent.has(id)) return;
    r.tradesSent.add(id);
    if (r.tradeLog.length < this.tradeLogCap) r.tradeLog.push(id);
    else r.tradeLogTruncated = true;
  }

  bookSent(exchange: string, symbol: string, from: number, to: number): void {
    this.rec(exchange, symbol).bookSeqSent.addRange(from, to);
  }

  gapSuppressed(exchange: string, symbol: string, from: number, to: number): void {
    this.rec(exchange, symbol).bookGaps.addRange(from, to);
  }

  snapshotServed(exchange: string, symbol: string): void {
    this.rec(exchange, symbol).snapshots++;
  }

  /** Scenario starts and ends, and the trades scenarios made, of one market batch. */
  scenarioActivity(exchange: string, symbol: string, batch: MarketBatch): void {
    const notes = batch.scenarios;
    if (notes === undefined && !batch.trades.some((t) => t.scenario)) return;
    const r = this.rec(exchange, symbol);
    for (const n of notes ?? []) {
      if (n.phase === 'start') {
        r.scenarios.push({
          kind: n.kind,
          startedAt: batch.ts,
          startSeq: n.seq,
          endedAt: null,
          endSeq: null,
          detail: n.detail,
          trades: new RangeSet(1_000),
        });
        if (r.scenarios.length > MAX_SCENARIOS) r.scenarios.shift();
        continue;
      }
      const open = latest(r.scenarios, (s) => s.kind === n.kind && s.endedAt === null);
      if (open) {
        open.endedAt = batch.ts;
        open.endSeq = n.seq;
      }
    }
    for (const t of batch.trades) {
      if (t.scenario) latest(r.scenarios, (s) => s.kind === t.scenario)?.trades.add(t.id);
    }
  }

  /** Scenarios played on (exchange, symbol), oldest first. */
  scenarios(exchange: string, symbol: string): ScenarioTruth[] {
    return (this.records.get(key(exchange, symbol))?.scenarios ?? []).map(scenarioTruth);
  }

  bboSent(exchange: string, symbol: string): void {
    this.rec(exchange, symbol).bboSent++;
  }

  /** Trade ids sent on at least one connection, as ranges. */
  trades(exchange: string, symbol: string): IntRange[] {
    return this.records.get(key(exchange, symbol))?.tradesSent.toArray() ?? [];
  }

  /** Book sequence ranges sent on at least one connection. */
  bookSequences(exchange: string, symbol: string): IntRange[] {
    return this.records.get(key(exchange, symbol))?.bookSeqSent.toArray() ?? [];
  }

  gaps(exchange: string, symbol: string): IntRange[] {
    return this.records.get(key(exchange, symbol))?.bookGaps.toArray() ?? [];
  }

  symbol(exchange: string, symbol: string): SymbolTruth {
    const r = this.records.get(key(exchange, symbol)) ?? new SymbolRecord();
    return {
      exchange,
      symbol,
      tradesGenerated: r.tradesGenerated,
      tradesSent: r.tradesSent.toArray(),
      tradeLog: [...r.tradeLog],
      tradeLogTruncated: r.tradeLogTruncated,
      bookSeqSent: r.bookSeqSent.toArray(),
      bookGaps: r.bookGaps.toArray(),
      snapshots: r.snapshots,
      bboSent: r.bboSent,
      scenarios: r.scenarios.map(scenarioTruth),
    };
  }

  /** Every (exchange, symbol) with a record. */
  keys(): { exchange: string; symbol: string }[] {
    return [...this.records.keys()].map((k) => {
      const i = k.indexOf('|');
      return { exchange: k.slice(0, i), symbol: k.slice(i + 1) };
    });
  }

  /** Called several times per batch and per trade sent: two lookups, no key string built. */
  private rec(exchange: string, symbol: string): SymbolRecord {
    let bySymbol = this.byExchange.get(exchange);
    if (!bySymbol) {
      bySymbol = new Map();
      this.byExchange.set(exchange, bySymbol);
    }
    let r = bySymbol.get(symbol);
    if (!r) {
      r = new SymbolRecord();
      bySymbol.set(symbol, r);
      this.records.set(key(exchange, symbol), r);
    }
    return r;
  }
}

function latest(
  list: readonly ScenarioRecord[],
  match: (s: ScenarioRecord) => boolean,
): ScenarioRecord | undefined {
  for (let i = list.length - 1; i >= 0; i--) if (match(list[i])) return list[i];
  return undefined;
}

function scenarioTruth(s: ScenarioRecord): ScenarioTruth {
  return { ...s, trades: s.trades.toArray() };
}

function key(exchange: string, symbol: string): string {
  return `${exchange}|${symbol}`;
}
