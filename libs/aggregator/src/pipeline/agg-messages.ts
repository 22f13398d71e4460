import type { ConsolidatedBbo } from '../nbbo/consolidated-bbo.model';
import type { VwapResult } from '../vwap/vwap-result';
import type { AggNbboMessage, AggVwapMessage } from './agg-output';

/**
 * The md.agg.* messages built in one step. `{ kind, ...toJsonConsolidatedBbo(b) }` copied every
 * field twice per NBBO change (the most frequent output); these literals give the same object,
 * fields in the same order (agg-messages.spec.ts holds them to the spread form), so the same JSON.
 * A field added to the model without being added here is a type error.
 */
export function nbboMessage(b: ConsolidatedBbo): AggNbboMessage {
  return {
    kind: 'nbbo',
    symbol: b.symbol,
    bidPrice: b.bidPrice === null ? null : b.bidPrice.toString(),
    bidAmount: b.bidAmount === null ? null : b.bidAmount.toString(),
    bidExchange: b.bidExchange,
    askPrice: b.askPrice === null ? null : b.askPrice.toString(),
    askAmount: b.askAmount === null ? null : b.askAmount.toString(),
    askExchange: b.askExchange,
    crossed: b.crossed,
    locked: b.locked,
    ts: b.ts,
    localTs: b.localTs,
    venues: b.venues,
  };
}

export function vwapMessage(r: VwapResult): AggVwapMessage {
  return {
    kind: 'vwap',
    symbol: r.symbol,
    exchange: r.exchange,
    windowMs: r.windowMs,
    vwap: r.vwap === null ? null : r.vwap.toString(),
    scale: r.scale,
    volume: r.volume.toString(),
    notional: r.notional.toString(),
    trades: r.trades,
    from: r.from,
    to: r.to,
    truncated: r.truncated,
  };
}
