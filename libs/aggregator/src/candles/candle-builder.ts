import type { CandleEvent, CandleInterval, Decimal, TradeEvent } from '@feedgate/core';
import { EXACT_SUM_MAX_TERM, ExactSum } from '../util/exact-sum';

/**
 * OHLCV of one candle window, built from trades that may arrive out of order: open is the trade
 * with the EARLIEST ts and close the one with the LATEST ts (ties: first-arrived keeps open,
 * last-arrived takes close), so a late trade yields the same candle as in-order delivery would.
 */
export class CandleBuilder {
  private open: Decimal;
  private high: Decimal;
  private low: Decimal;
  private close: Decimal;
  /** Σ amount with Decimal.add's digits, without a bigint and a Decimal per trade. */
  private readonly volume = new ExactSum();
  private trades = 1;
  private openTs: number;
  private closeTs: number;
  private maxLocalTs: number;
  private nativeSymbol: string;
  /** Publications so far (0 = never published). */
  publications = 0;

  constructor(
    readonly interval: CandleInterval,
    readonly start: number,
    readonly end: number,
    first: TradeEvent,
  ) {
    this.open = this.high = this.low = this.close = first.price;
    this.volume.reset(first.amount.exponent); // the sum starts as `first.amount`, not ZERO
    this.addVolume(first.amount);
    this.openTs = this.closeTs = first.ts;
    this.maxLocalTs = first.localTs;
    this.nativeSymbol = first.nativeSymbol;
  }

  add(t: TradeEvent): void {
    if (t.price.gt(this.high)) this.high = t.price;
    if (t.price.lt(this.low)) this.low = t.price;
    if (t.ts < this.openTs) {
      this.open = t.price;
      this.openTs = t.ts;
    }
    if (t.ts >= this.closeTs) {
      this.close = t.price;
      this.closeTs = t.ts;
      this.nativeSymbol = t.nativeSymbol;
    }
    this.addVolume(t.amount);
    this.trades++;
    if (t.localTs > this.maxLocalTs) this.maxLocalTs = t.localTs;
  }

  /**
   * The candle as a unified event. ts is the exchange time of the closing trade (the latest
   * market fact it contains) and localTs the latest gate receipt among its trades, so end-to-end
   * latency of a candle is measured like any other event's.
   */
  toEvent(exchange: string, symbol: string): CandleEvent {
    return {
      type: 'candle',
      exchange,
      symbol,
      nativeSymbol: this.nativeSymbol,
      ts: this.closeTs,
      localTs: this.maxLocalTs,
      interval: this.interval,
      open: this.open,
      high: this.high,
      low: this.low,
      close: this.close,
      volume: this.volume.toDecimal(),
      trades: this.trades,
      start: this.start,
      end: this.end,
    };
  }

  private addVolume(amount: Decimal): void {
    const m = Number(amount.mantissa);
    if (Math.abs(m) <= EXACT_SUM_MAX_TERM) this.volume.addNumber(m, amount.exponent);
    else this.volume.addBig(amount.mantissa, amount.exponent);
  }
}
