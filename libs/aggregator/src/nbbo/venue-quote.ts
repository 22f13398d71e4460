import type { BboEvent, Decimal } from '@feedgate/core';

/** One venue's top of book for a symbol; a side with no quote has a null price. */
export interface VenueQuote {
  readonly exchange: string;
  readonly symbol: string;
  readonly nativeSymbol: string;
  readonly bidPrice: Decimal | null;
  readonly bidAmount: Decimal;
  readonly askPrice: Decimal | null;
  readonly askAmount: Decimal;
  readonly ts: number;
  readonly localTs: number;
}

/**
 * A bbo event as a quote. A side with a non-positive price or amount is "no quote" (exchanges
 * send 0/0 for an empty side), so it can neither win the NBBO nor flag a crossed market.
 */
export function quoteFromBbo(e: BboEvent): VenueQuote {
  const bidOk = e.bidPrice.sign() > 0 && e.bidAmount.sign() > 0;
  const askOk = e.askPrice.sign() > 0 && e.askAmount.sign() > 0;
  return {
    exchange: e.exchange,
    symbol: e.symbol,
    nativeSymbol: e.nativeSymbol,
    bidPrice: bidOk ? e.bidPrice : null,
    bidAmount: e.bidAmount,
    askPrice: askOk ? e.askPrice : null,
    askAmount: e.askAmount,
    ts: e.ts,
    localTs: e.localTs,
  };
}
