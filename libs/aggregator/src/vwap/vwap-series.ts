import { ExactSum } from '../util/exact-sum';
import type { VwapResult } from './vwap-result';
import type { VwapTrade } from './vwap-trade';

type Exact = VwapTrade['exact'];

// Each trade is one row of ROW floats: ts, amount mantissa, notional mantissa and META, which packs
// the exponents and the price scale (|exponent| ≤ Decimal.MAX_EXPONENT < 2^14) into one exact float.
const ROW = 4;
const BIAS = 16_384;
const NOTIONAL_UNIT = 2 ** 15;
const SCALE_UNIT = 2 ** 30;

/**
 * One sliding VWAP window: trades sorted by ts (ties in arrival order) plus exact running sums
 * (adding then expiring a trade restores the sums exactly). Trades are rows of one Float64Array,
 * live in [head, tail): a 5-minute window holds 10^5 trades, and one object per trade per series
 * made the aggregator's heap (and its GC) grow with the trade rate.
 */
export class VwapSeries {
  clock = Number.NEGATIVE_INFINITY;
  truncated = 0;
  /** Changed since the last emitted result. */
  dirty = false;
  /** Row indexes. */
  private head = 0;
  private tail = 0;
  private rows = new Float64Array(16 * ROW);
  /** Bigint mantissas of trades too large for floats (NaN in their rows), by row; rarely used. */
  private exact: Exact[] | null = null;
  private readonly sumNotional = new ExactSum();
  private readonly sumAmount = new ExactSum();
  /** price scale → trades with it: the max scale in the window without rescanning. */
  private readonly scales: number[] = [];

  constructor(
    readonly id: string,
    readonly exchange: string | null,
    readonly symbol: string,
    readonly windowMs: number,
    private readonly maxTrades: number,
    private readonly fixedScale: number | null,
  ) {}

  get size(): number {
    return this.tail - this.head;
  }

  /** Adds a trade; false when it is already outside the window (too old). */
  add(t: VwapTrade): boolean {
    const ts = t.ts;
    if (ts > this.clock) this.clock = ts;
    if (ts <= this.clock - this.windowMs) return false;
    if (this.tail * ROW === this.rows.length) this.makeRoom();
    const rows = this.rows;
    // Late trades are inserted in ts order so that expiry from the front stays exact.
    let i = this.tail;
    while (i > this.head && rows[(i - 1) * ROW] > ts) i--;
    if (i < this.tail) this.shiftUp(i);
    this.tail++;
    const r = i * ROW;
    rows[r] = ts;
    rows[r + 1] = t.amount;
    rows[r + 2] = t.notional;
    rows[r + 3] =
      t.amountExp + BIAS + (t.notionalExp + BIAS) * NOTIONAL_UNIT + t.priceScale * SCALE_UNIT;
    if (t.exact !== null) {
      (this.exact ??= [])[i] = t.exact;
      this.sumNotional.addBig(t.exact.notional, t.notionalExp);
      this.sumAmount.addBig(t.exact.amount, t.amountExp);
    } else {
      if (this.exact !== null) this.exact[i] = null;
      this.sumNotional.addNumber(t.notional, t.notionalExp);
      this.sumAmount.addNumber(t.amount, t.amountExp);
    }
    this.scales[t.priceScale] = (this.scales[t.priceScale] ?? 0) + 1;
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
    while (this.tail > this.head && this.rows[this.head * ROW] <= limit) {
      this.removeFront();
      this.dirty = true;
    }
  }

  result(): VwapResult {
    const scale = this.fixedScale ?? this.maxPriceScale() + 4;
    const volume = this.sumAmount.toDecimal();
    const notional = this.sumNotional.toDecimal();
    return {
      symbol: this.symbol,
      exchange: this.exchange,
      windowMs: this.windowMs,
      vwap: volume.isZero() ? null : notional.div(volume, scale, 'half-even'),
      scale,
      volume,
      notional,
      trades: this.size,
      from: this.clock - this.windowMs,
      to: this.clock,
      truncated: this.truncated,
    };
  }

  private removeFront(): void {
    const i = this.head++;
    const r = i * ROW;
    const meta = this.rows[r + 3];
    const priceScale = Math.floor(meta / SCALE_UNIT);
    const exps = meta - priceScale * SCALE_UNIT;
    const notionalExp = Math.floor(exps / NOTIONAL_UNIT) - BIAS;
    const amountExp = (exps % NOTIONAL_UNIT) - BIAS;
    const x = this.exact === null ? null : this.exact[i];
    if (x !== null && x !== undefined) {
      this.exact![i] = null;
      this.sumNotional.addBig(-x.notional, notionalExp);
      this.sumAmount.addBig(-x.amount, amountExp);
    } else {
      this.sumNotional.addNumber(-this.rows[r + 2], notionalExp);
      this.sumAmount.addNumber(-this.rows[r + 1], amountExp);
    }
    this.scales[priceScale]--;
    if (this.head === this.tail) {
      // Reset so the sums do not keep a long tail of zero digits from past exponents.
      this.head = this.tail = 0;
      this.exact = null;
      this.sumNotional.reset();
      this.sumAmount.reset();
    }
  }

  /** Opens a row at the tail: slides the live rows to the front, or doubles the array. */
  private makeRoom(): void {
    const live = this.tail - this.head;
    const capacity = this.rows.length / ROW;
    if (live * 2 > capacity) {
      const next = new Float64Array(capacity * 2 * ROW);
      next.set(this.rows.subarray(this.head * ROW, this.tail * ROW));
      this.rows = next;
    } else {
      this.rows.copyWithin(0, this.head * ROW, this.tail * ROW);
    }
    if (this.exact !== null) this.exact = this.exact.slice(this.head, this.tail);
    this.tail = live;
    this.head = 0;
  }

  /** Moves rows [i, tail) one row up (the caller made room at the tail). */
  private shiftUp(i: number): void {
    const rows = this.rows;
    const from = i * ROW;
    const end = this.tail * ROW;
    // Late trades are usually only a few rows behind: a plain loop beats copyWithin's call cost.
    if (end - from <= 64) {
      for (let k = end - 1; k >= from; k--) rows[k + ROW] = rows[k];
    } else {
      rows.copyWithin(from + ROW, from, end);
    }
    if (this.exact !== null) {
      for (let k = this.tail; k > i; k--) this.exact[k] = this.exact[k - 1];
    }
  }

  private maxPriceScale(): number {
    for (let s = this.scales.length - 1; s > 0; s--) if (this.scales[s] > 0) return s;
    return 0;
  }
}
