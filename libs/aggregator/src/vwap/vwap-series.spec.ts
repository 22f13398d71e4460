import { Decimal } from '@feedgate/core';
import { describe, expect, it } from 'vitest';
import { toJsonVwap } from './vwap-result';
import { VwapSeries } from './vwap-series';
import { VwapTrade } from './vwap-trade';
import { seededRng } from '../testing/seeded.rng';

interface RefTrade {
  readonly ts: number;
  readonly price: Decimal;
  readonly amount: Decimal;
}

/**
 * The window written the obvious way: a sorted list, sums recomputed from it. The sums' exponent
 * is the smallest one added since the window was last empty (Decimal.add keeps the smaller one,
 * starting from ZERO's 0), which is what the running sums must reproduce digit for digit.
 */
class ReferenceWindow {
  clock = Number.NEGATIVE_INFINITY;
  truncated = 0;
  trades: RefTrade[] = [];
  private expA = 0;
  private expN = 0;

  constructor(
    private readonly windowMs: number,
    private readonly maxTrades: number,
  ) {}

  add(t: RefTrade): boolean {
    this.clock = Math.max(this.clock, t.ts);
    if (t.ts <= this.clock - this.windowMs) return false;
    let i = this.trades.length;
    while (i > 0 && this.trades[i - 1].ts > t.ts) i--;
    this.trades.splice(i, 0, t);
    this.expA = Math.min(this.expA, t.amount.exponent);
    this.expN = Math.min(this.expN, t.price.exponent + t.amount.exponent);
    while (this.trades.length > this.maxTrades) {
      this.drop();
      this.truncated++;
    }
    this.expire(this.clock);
    return true;
  }

  expire(clock: number): void {
    this.clock = Math.max(this.clock, clock);
    while (this.trades.length > 0 && this.trades[0].ts <= this.clock - this.windowMs) this.drop();
  }

  json() {
    let amount = Decimal.fromParts(0n, this.expA);
    let notional = Decimal.fromParts(0n, this.expN);
    let scale = 0;
    for (const t of this.trades) {
      amount = amount.add(t.amount);
      notional = notional.add(t.price.mul(t.amount));
      scale = Math.max(scale, -t.price.exponent);
    }
    return {
      vwap: amount.isZero() ? null : notional.div(amount, scale + 4).toString(),
      volume: amount.toString(),
      notional: notional.toString(),
      trades: this.trades.length,
      truncated: this.truncated,
      from: this.clock - this.windowMs,
      to: this.clock,
    };
  }

  private drop(): void {
    this.trades.shift();
    if (this.trades.length === 0) this.expA = this.expN = 0;
  }
}

function randomTrade(r: () => number, ts: number): RefTrade {
  const kind = r();
  // Usual prices and sizes, sometimes trailing zeros or other scales, sometimes mantissas too
  // large for float math (bigint fallback) — each must give the same digits as the reference.
  const price =
    kind < 0.9
      ? Decimal.fromParts(BigInt(100_000 + Math.floor(r() * 1_000)), -2 - Math.floor(r() * 2))
      : Decimal.fromParts(BigInt(Math.floor(r() * 1e15)) * 10n ** 5n, -12);
  const amount =
    kind < 0.7
      ? Decimal.fromParts(BigInt(1 + Math.floor(r() * 1e6)), -6)
      : kind < 0.95
        ? Decimal.fromParts(BigInt(1 + Math.floor(r() * 50)), -Math.floor(r() * 9) + 1)
        : Decimal.fromParts(2n ** 60n + BigInt(Math.floor(r() * 1e6)), -10);
  return { ts, price, amount };
}

describe('VwapSeries', () => {
  it('matches a recomputed window through late trades, expiry, truncation and huge mantissas', () => {
    const r = seededRng(11);
    for (const maxTrades of [3, 50, 10_000]) {
      const series = new VwapSeries('x', null, 'BTC-USDT', 1_000, maxTrades, null);
      const ref = new ReferenceWindow(1_000, maxTrades);
      const t = new VwapTrade();
      let clock = 0;
      for (let i = 0; i < 6_000; i++) {
        clock += Math.floor(r() * 3);
        // Mostly in order, some late within the window, a few beyond it (too old).
        const late = r();
        const ts = late < 0.7 ? clock : late < 0.98 ? clock - Math.floor(r() * 400) : clock - 2_000;
        const trade = randomTrade(r, ts);
        const accepted = series.add(t.set(trade.ts, trade.price, trade.amount));
        expect(accepted).toBe(ref.add(trade));
        if (r() < 0.02) {
          // A quiet spell on the wall clock, sometimes long enough to empty the window.
          clock += r() < 0.3 ? 2_000 : 100;
          series.expire(clock);
          ref.expire(clock);
        }
        if (i % 7 === 0) {
          expect(toJsonVwap(series.result())).toMatchObject(ref.json());
          expect(series.size).toBe(ref.trades.length);
        }
      }
    }
  });

  it('keeps the exponent of the sums after the trades that set it have left', () => {
    const s = new VwapSeries('x', 'okx', 'BTC-USDT', 100, 1_000, null);
    const t = new VwapTrade();
    s.add(t.set(0, Decimal.parse('10.5'), Decimal.parse('0.001')));
    s.add(t.set(50, Decimal.parse('11'), Decimal.parse('2')));
    s.expire(120); // the trade at 0 leaves; its exponents stay, like Decimal.sub keeps them
    expect(toJsonVwap(s.result())).toMatchObject({
      volume: '2.000',
      notional: '22.0000',
      vwap: '11.0000',
      trades: 1,
    });
    s.expire(200); // empty: the sums are reset to zero
    expect(toJsonVwap(s.result())).toMatchObject({ volume: '0', notional: '0', vwap: null });
  });
});
