import { Decimal, mulberry32, type BookLevel, type UnifiedEvent } from '@feedgate/core';

/** Which events a benchmark data set holds; `mix` is the all-types blend reported at the top. */
export type CodecDataset = 'trade' | 'book' | 'bbo' | 'mix';

/**
 * Per 100 events of the `mix` data set: mostly trades, BBOs and 10-level book updates, plus the
 * occasional candle, status and alert, as one instrument's stream looks on md.raw.
 */
export const MIX_PER_100 = {
  trade: 40,
  bbo: 30,
  book: 25,
  candle: 3,
  status: 1,
  alert: 1,
} as const;

/**
 * Deterministic, realistic benchmark events: prices and amounts are parsed from exchange-like
 * strings (so mantissa/exponent look like real ones), times are whole ms with a µs-fraction
 * exchange clock on some events. Frames hold events of one key, as on Kafka.
 */
export class CodecFixtures {
  /** mulberry32: tiny, fast and reproducible. */
  private readonly rand: () => number;
  private t = 1_700_000_000_000;
  private price = 65_000;

  constructor(seed = 42) {
    this.rand = mulberry32(seed);
  }

  private px(offsetTicks = 0): Decimal {
    return Decimal.parse((this.price + offsetTicks * 0.1).toFixed(2));
  }

  private qty(): Decimal {
    return Decimal.parse((this.rand() * 3).toFixed(1 + Math.floor(this.rand() * 5)));
  }

  private base(): {
    exchange: string;
    symbol: string;
    nativeSymbol: string;
    ts: number;
    localTs: number;
  } {
    this.t += Math.floor(this.rand() * 3);
    this.price = Math.max(1000, this.price + Math.round((this.rand() - 0.5) * 10) / 10);
    // A quarter of the events carry an exchange clock with µs precision (fractional ms).
    const ts = this.rand() < 0.25 ? this.t + Math.floor(this.rand() * 1000) / 1000 : this.t;
    return {
      exchange: 'binance',
      symbol: 'BTC-USDT',
      nativeSymbol: 'BTCUSDT',
      ts,
      localTs: this.t + 2,
    };
  }

  private levels(side: 1 | -1): BookLevel[] {
    return Array.from({ length: 10 }, (_, i) => [this.px(side * (i + 1)), this.qty()] as const);
  }

  event(type: keyof typeof MIX_PER_100, n: number): UnifiedEvent {
    const b = this.base();
    switch (type) {
      case 'trade':
        return {
          type,
          ...b,
          id: String(3_000_000_000 + n),
          price: this.px(),
          amount: this.qty(),
          side: n % 2 ? 'buy' : 'sell',
        };
      case 'book':
        return {
          type,
          ...b,
          snapshot: false,
          bids: this.levels(-1),
          asks: this.levels(1),
          seq: String(50_000_000_000 + n),
          prevSeq: String(50_000_000_000 + n - 1),
        };
      case 'bbo':
        return {
          type,
          ...b,
          bidPrice: this.px(-1),
          bidAmount: this.qty(),
          askPrice: this.px(1),
          askAmount: this.qty(),
        };
      case 'candle':
        return {
          type,
          ...b,
          interval: '1m',
          open: this.px(-3),
          high: this.px(5),
          low: this.px(-6),
          close: this.px(),
          volume: this.qty(),
          trades: 100 + n,
          start: b.localTs - 60_000,
          end: b.localTs,
        };
      case 'status':
        return {
          type,
          ...b,
          state: 'live',
          reason: 'resubscribed',
          gaps: [{ from: String(n), to: String(n + 5) }],
        };
      case 'alert':
        return {
          type,
          ...b,
          kind: 'price-deviation',
          severity: 'warning',
          detail: 'price 2.1% from cross-exchange median',
        };
    }
  }

  /** `frames` frames of `perFrame` events each. */
  frames(dataset: CodecDataset, frames: number, perFrame: number): UnifiedEvent[][] {
    const plan: (keyof typeof MIX_PER_100)[] = [];
    if (dataset === 'mix') {
      for (const [type, count] of Object.entries(MIX_PER_100)) {
        for (let i = 0; i < count; i++) plan.push(type as keyof typeof MIX_PER_100);
      }
      // Interleave deterministically so a frame is not sorted by type.
      for (let i = plan.length - 1; i > 0; i--) {
        const j = Math.floor(this.rand() * (i + 1));
        [plan[i], plan[j]] = [plan[j], plan[i]];
      }
    } else plan.push(dataset);
    let n = 0;
    return Array.from({ length: frames }, () =>
      Array.from({ length: perFrame }, () => this.event(plan[n % plan.length], n++)),
    );
  }
}
