import type { Decimal, UnifiedEvent } from '@feedgate/core';
import type { VwapResult } from './vwap-result';
import { VwapSeries } from './vwap-series';
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
  private counters = { trades: 0, tooOld: 0, refusedCapacity: 0 };

  constructor(options: VwapOptions = {}) {
    this.options = resolveVwapOptions(options);
  }

  process(event: UnifiedEvent, _nowMs: number): void {
    if (event.type !== 'trade' || !Number.isFinite(event.ts) || event.amount.sign() <= 0) return;
    this.counters.trades++;
    const notional = event.price.mul(event.amount);
    for (const w of this.options.windowsMs) {
      this.addTo(null, event.symbol, w, event, notional);
      if (this.options.perExchange) this.addTo(event.exchange, event.symbol, w, event, notional);
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
      if (s.size === 0) this.series.delete(s.id);
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
    exchange: string | null,
    symbol: string,
    windowMs: number,
    t: Extract<UnifiedEvent, { type: 'trade' }>,
    notional: Decimal,
  ): void {
    const id = seriesId(exchange, symbol, windowMs);
    let s = this.series.get(id);
    if (s === undefined) {
      if (this.series.size >= this.options.maxSeries) {
        this.counters.refusedCapacity++;
        return;
      }
      const fixed = this.options.scale === 'price+4' ? null : this.options.scale;
      s = new VwapSeries(id, exchange, symbol, windowMs, this.options.maxTradesPerSeries, fixed);
      this.series.set(id, s);
    }
    if (!s.add(t.ts, t.price, t.amount, notional)) this.counters.tooOld++;
  }
}

function seriesId(exchange: string | null, symbol: string, windowMs: number): string {
  return `${exchange ?? '*'}|${symbol}|${windowMs}`;
}
