import { Decimal } from '@feedgate/core';
import { EXACT_SUM_MAX_TERM } from '../util/exact-sum';

/**
 * One trade as the VWAP series store it: integer mantissas and exponents of the amount and of the
 * notional (price × amount), computed once per trade however many series it feeds. When a
 * mantissa is too large for exact float math, `amount`/`notional` are NaN and `exact` holds the
 * bigint mantissas instead. Reused (mutable) by VwapCalculator: series copy the fields, never
 * keep the object.
 */
export class VwapTrade {
  ts = 0;
  amount = 0;
  amountExp = 0;
  notional = 0;
  notionalExp = 0;
  /** Fractional digits of the price, for the 'price+4' VWAP scale. */
  priceScale = 0;
  exact: { readonly amount: bigint; readonly notional: bigint } | null = null;

  /** Fills the fields from a trade; throws DecimalArithmeticError like price.mul(amount) would. */
  set(ts: number, price: Decimal, amount: Decimal): this {
    const notionalExp = price.exponent + amount.exponent;
    if (notionalExp > Decimal.MAX_EXPONENT || notionalExp < -Decimal.MAX_EXPONENT) {
      price.mul(amount); // the same error the exact product gives
    }
    this.ts = ts;
    this.amountExp = amount.exponent;
    this.notionalExp = notionalExp;
    this.priceScale = Math.max(0, -price.exponent);
    const a = Number(amount.mantissa);
    // |a|, |p| ≤ 2^51 are exact floats; their product is exact when it is ≤ 2^51 (below 2^53).
    const n = a * Number(price.mantissa);
    if (Math.abs(a) <= EXACT_SUM_MAX_TERM && Math.abs(n) <= EXACT_SUM_MAX_TERM) {
      this.amount = a;
      this.notional = n;
      this.exact = null;
    } else {
      this.amount = Number.NaN;
      this.notional = Number.NaN;
      this.exact = { amount: amount.mantissa, notional: price.mantissa * amount.mantissa };
    }
    return this;
  }
}
