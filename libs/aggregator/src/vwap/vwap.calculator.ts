import type { UnifiedEvent } from '@feedgate/core';
import type { VwapResult } from './vwap-result';
import { VwapSeries } from './vwap-series';
import { VwapTrade } from './vwap-trade';
import { resolveVwapOptions, type ResolvedVwapOptions, type VwapOptions } from './vwap.options';

/** Counters of a {@link VwapCalculator}. */
export interface VwapStats {
  readonly trades: number;
  /** (trade, series) pairs older than the window when they arrived. */
  readonly tooOld: number;
  readonly refusedCapacity: number;
  readonly liveSeries: number;
}

/**
 * Sliding-window VWAP per symbol (across exchanges) and per exchange+symbol, exact:
 * Σ(price × amount) / Σ amount with one half-even division at the end (scale in vwap.options.ts).
 * `process` only updates state; `tick(nowMs)` expires old trades on the wall clock and returns the
 * series that changed since the previous tick — a conflated stream, so the output rate is
 * bounded by the tick rate, not the trade rate. `get` answers on demand.
 */
export class VwapCalculator {
  private readonly options: ResolvedVwapOptions;
  private readonly series = new Map<string, VwapSeries>();
  /**
   * symbol → its live series per window (options.windowsMs order), across exchanges and per
   * exchange: a trade finds its series without building and hashing a string id per series.
   */
  private readonly slots = new Map<string, SymbolSlots>();
  private readonly trade = new VwapTrade();
  private counters = { trades: 0, tooOld: 0, refusedCapacity: 0 };

  constructor(options: VwapOptions = {}) {
    this.options = resolveVwapOptions(options);
  }

  process(event: UnifiedEvent, _nowMs: number): void {
    if (event.type !== 'trade' || !Number.isFinite(event.ts) || event.amount.sign() <= 0) return;
    this.counters.trades++;
    // price × amount once per trade, shared by every series it feeds.
    const t = this.trade.set(event.ts, event.price, event.amount);
    const slots = this.slots.get(event.symbol);
    const windows = this.options.windowsMs;
    for (let w = 0; w < windows.length; w++) {
      this.addTo(slots?.cross[w], w, null, event.symbol, t);
      if (this.options.perExchange) {
        this.addTo(slots?.venues.get(event.exchange)?.[w], w, event.exchange, event.symbol, t);
      }
    }
  }

  /** Expires on the wall clock; returns every series whose VWAP changed since the last tick. */
  tick(nowMs: number): readonly VwapResult[] {
    const out: VwapResult[] = [];
    for (const s of this.series.values()) {
      s.expire(nowMs);
      if (s.dirty) {
        out.push(s.result());
        s.dirty = false;
      }
      // Empty and already reported empty: forget it (bounded memory for delisted symbols).
      if (s.size === 0) this.forget(s);
    }
    return out;
  }

  /** Current VWAP of a series (exchange undefined/null = across exchanges), or null if unknown. */
  get(symbol: string, windowMs: number, exchange: string | null = null): VwapResult | null {
    return this.series.get(seriesId(exchange, symbol, windowMs))?.result() ?? null;
  }

  stats(): VwapStats {
    return { ...this.counters, liveSeries: this.series.size };
  }

  private addTo(
    found: VwapSeries | undefined,
    w: number,
    exchange: string | null,
    symbol: string,
    t: VwapTrade,
  ): void {
    let s = found;
    if (s === undefined) {
      if (this.series.size >= this.options.maxSeries) {
        this.counters.refusedCapacity++;
        return;
      }
      const windowMs = this.options.windowsMs[w];
      const id = seriesId(exchange, symbol, windowMs);
      const fixed = this.options.scale === 'price+4' ? null : this.options.scale;
      s = new VwapSeries(id, exchange, symbol, windowMs, this.options.maxTradesPerSeries, fixed);
      this.series.set(id, s);
      this.slotsOf(symbol, exchange)[w] = s;
    }
    if (!s.add(t)) this.counters.tooOld++;
  }

  private slotsOf(symbol: string, exchange: string | null): (VwapSeries | undefined)[] {
    let slots = this.slots.get(symbol);
    if (slots === undefined) this.slots.set(symbol, (slots = { cross: [], venues: new Map() }));
    if (exchange === null) return slots.cross;
    let own = slots.venues.get(exchange);
    if (own === undefined) slots.venues.set(exchange, (own = []));
    return own;
  }

  private forget(s: VwapSeries): void {
    this.series.delete(s.id);
    const slots = this.slots.get(s.symbol);
    if (slots === undefined) return;
    const own = s.exchange === null ? slots.cross : slots.venues.get(s.exchange);
    const w = this.options.windowsMs.indexOf(s.windowMs);
    if (own?.[w] === s) own[w] = undefined;
    if (s.exchange !== null && own?.every((x) => x === undefined)) slots.venues.delete(s.exchange);
    if (slots.venues.size === 0 && slots.cross.every((x) => x === undefined)) {
      this.slots.delete(s.symbol);
    }
  }
}

interface SymbolSlots {
  readonly cross: (VwapSeries | undefined)[];
  readonly venues: Map<string, (VwapSeries | undefined)[]>;
}

function seriesId(exchange: string | null, symbol: string, windowMs: number): string {
  return `${exchange ?? '*'}|${symbol}|${windowMs}`;
}
