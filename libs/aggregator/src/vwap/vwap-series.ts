import { Decimal } from '@feedgate/core';
import type { VwapResult } from './vwap-result';

interface Entry {
  readonly ts: number;
  readonly amount: Decimal;
  readonly notional: Decimal;
  readonly priceScale: number;
}

/**
 * One sliding VWAP window: trades sorted by ts in a bounded deque plus exact running sums
 * (Decimal add/sub never round, so adding then expiring a trade restores the sums exactly).
 */
export class VwapSeries {
  clock = Number.NEGATIVE_INFINITY;
  truncated = 0;
  /** Changed since the last emitted result. */
  dirty = false;
  private entries: Entry[] = [];
  private head = 0;
  private sumNotional = Decimal.ZERO;
  private sumAmount = Decimal.ZERO;
  /** price scale → trades with it: the max scale in the window without rescanning. */
  private readonly scales = new Map<number, number>();

  constructor(
    readonly id: string,
    readonly exchange: string | null,
    readonly symbol: string,
    readonly windowMs: number,
    private readonly maxTrades: number,
    private readonly fixedScale: number | null,
  ) {}

  get size(): number {
    return this.entries.length - this.head;
  }

  /**
   * Adds a trade; false when it is already outside the window (too old). `notional` is
   * price × amount, passed in because one trade feeds several series (windows, per exchange and
   * across exchanges) and the bigint product was the largest cost of the aggregator.
   */
  add(ts: number, price: Decimal, amount: Decimal, notional: Decimal = price.mul(amount)): boolean {
    if (ts > this.clock) this.clock = ts;
    if (ts <= this.clock - this.windowMs) return false;
    const e: Entry = {
      ts,
      amount,
      notional,
      priceScale: Math.max(0, -price.exponent),
    };
    // Late trades are inserted in ts order so that expiry from the front stays exact.
    let i = this.entries.length;
    while (i > this.head && this.entries[i - 1].ts > ts) i--;
    if (i === this.entries.length) this.entries.push(e);
    else this.entries.splice(i, 0, e);
    this.sumNotional = this.sumNotional.add(e.notional);
    this.sumAmount = this.sumAmount.add(amount);
    this.scales.set(e.priceScale, (this.scales.get(e.priceScale) ?? 0) + 1);
    while (this.size > this.maxTrades) {
      this.removeFront();
      this.truncated++;
    }
    this.dirty = true;
    this.expire(this.clock);
    return true;
  }

  /** Advances the clock (wall clock via tick) and drops trades that left the window. */
  expire(clock: number): void {
    if (clock > this.clock) this.clock = clock;
    const limit = this.clock - this.windowMs;
    while (this.size > 0 && this.entries[this.head].ts <= limit) {
      this.removeFront();
      this.dirty = true;
    }
    // Compact lazily so shift stays O(1) amortized.
    if (this.head > 1024 && this.head * 2 > this.entries.length) {
      this.entries = this.entries.slice(this.head);
      this.head = 0;
    }
  }

  result(): VwapResult {
    const scale = this.fixedScale ?? this.maxPriceScale() + 4;
    return {
      symbol: this.symbol,
      exchange: this.exchange,
      windowMs: this.windowMs,
      vwap: this.sumAmount.isZero()
        ? null
        : this.sumNotional.div(this.sumAmount, scale, 'half-even'),
      scale,
      volume: this.sumAmount,
      notional: this.sumNotional,
      trades: this.size,
      from: this.clock - this.windowMs,
      to: this.clock,
      truncated: this.truncated,
    };
  }

  private removeFront(): void {
    const e = this.entries[this.head];
    this.entries[this.head++] = undefined as unknown as Entry; // release for the GC
    this.sumNotional = this.sumNotional.sub(e.notional);
    this.sumAmount = this.sumAmount.sub(e.amount);
    const n = (this.scales.get(e.priceScale) ?? 1) - 1;
    if (n === 0) this.scales.delete(e.priceScale);
    else this.scales.set(e.priceScale, n);
    if (this.size === 0) {
      // Reset so the sums do not keep a long tail of zero digits from past exponents.
      this.entries = [];
      this.head = 0;
      this.sumNotional = Decimal.ZERO;
      this.sumAmount = Decimal.ZERO;
    }
  }

  private maxPriceScale(): number {
    let m = 0;
    for (const s of this.scales.keys()) if (s > m) m = s;
    return m;
  }
}
