import { describe, expect, it } from 'vitest';
import { AggEvents } from '../testing/agg-events';
import { ConsolidatedBboCalculator } from './consolidated-bbo';
import { toJsonConsolidatedBbo, type ConsolidatedBbo } from './consolidated-bbo.model';

const q = (ex: string, ts: number, bid: [string, string], ask: [string, string]) =>
  AggEvents.bbo(ex, 'BTC-USDT', ts, bid, ask);
const view = (b: ConsolidatedBbo) => {
  const j = toJsonConsolidatedBbo(b);
  return `${j.bidExchange} ${j.bidPrice}x${j.bidAmount} / ${j.askExchange} ${j.askPrice}x${j.askAmount} venues=${j.venues}${j.crossed ? ' CROSSED' : ''}${j.locked ? ' LOCKED' : ''}`;
};

describe('ConsolidatedBboCalculator', () => {
  it('consolidates 3 exchanges, flags crossed and locked, drops a stale venue', () => {
    const c = new ConsolidatedBboCalculator({ staleAfterMs: 5_000 });
    c.process(q('binance', 0, ['100.10', '2'], ['100.20', '1']), 0);
    c.process(q('okx', 0, ['100.15', '1'], ['100.25', '3']), 0);
    const [b1] = c.process(q('kraken', 1_000, ['100.00', '5'], ['100.18', '4']), 1_000);
    // Best bid: okx 100.15 (> 100.10 > 100.00); best ask: kraken 100.18 (< 100.20 < 100.25).
    expect(view(b1)).toBe('okx 100.15x1 / kraken 100.18x4 venues=3');
    expect(b1.ts).toBe(1_000);
    // An unchanged picture is not re-published (okx re-sends the same quote).
    expect(c.process(q('okx', 1_500, ['100.15', '1'], ['100.25', '3']), 1_500)).toEqual([]);
    // kraken's ask drops to 100.12, below okx's bid 100.15: the market is crossed across venues.
    const [b2] = c.process(q('kraken', 2_000, ['100.05', '5'], ['100.12', '2']), 2_000);
    expect(view(b2)).toBe('okx 100.15x1 / kraken 100.12x2 venues=3 CROSSED');
    // At 5 200 binance (last update 0) is > 5 000 ms silent; okx (1 500) and kraken (2 000) are not.
    const [b3] = c.tick(5_200);
    expect(view(b3)).toBe('okx 100.15x1 / kraken 100.12x2 venues=2 CROSSED');
    // At 6 600 okx (1 500) is stale too: best bid is now kraken's own 100.05, not crossed.
    const [b4] = c.tick(6_600);
    expect(view(b4)).toBe('kraken 100.05x5 / kraken 100.12x2 venues=1');
    // binance returns bidding exactly kraken's ask: locked.
    const [b5] = c.process(q('binance', 6_700, ['100.12', '3'], ['100.30', '1']), 6_700);
    expect(view(b5)).toBe('binance 100.12x3 / kraken 100.12x2 venues=2 LOCKED');
    expect(c.get('BTC-USDT')).toBe(b5);
  });

  it('breaks price ties by size then exchange id, and ignores empty sides', () => {
    const c = new ConsolidatedBboCalculator();
    c.process(q('okx', 0, ['10', '1'], ['11', '1']), 0);
    c.process(q('bybit', 0, ['10.0', '1'], ['11', '2']), 0);
    const [b] = c.process(q('kraken', 0, ['0', '0'], ['11.00', '2']), 0);
    expect(view(b)).toBe('bybit 10.0x1 / bybit 11x2 venues=3');
  });

  it('forgets a symbol once every venue went stale, after publishing the empty picture', () => {
    const c = new ConsolidatedBboCalculator({ staleAfterMs: 1_000 });
    c.process(q('okx', 0, ['10', '1'], ['11', '1']), 0);
    const [b] = c.tick(2_000);
    expect(view(b)).toBe('null nullxnull / null nullxnull venues=0');
    expect(c.get('BTC-USDT')).toBeNull();
  });
});
