import { Decimal, mulberry32, type BboEvent, type TradeEvent } from '@feedgate/core';

/**
 * Seeded, deterministic "normal" market for detector tests: one mid price per symbol follows a
 * random walk (±1 bp a step); every exchange quotes around it with a little noise and a 2–6 bp
 * spread and trades at its own bid or ask with random sizes (6 decimals). Nothing in it is
 * anomalous, so any alert it raises is a false positive.
 */
export class RandomWalkMarket {
  /** mulberry32: tiny, seedable, good enough for test data. */
  private readonly next: () => number;
  private seq = 0;
  private readonly mids: Map<string, number>;

  constructor(
    seed: number,
    readonly exchanges: readonly string[],
    readonly symbols: readonly string[],
    private readonly stepMs = 50,
    startMid = 30_000,
  ) {
    this.next = mulberry32(seed);
    this.mids = new Map(symbols.map((s, i) => [s, startMid / (i + 1)]));
  }

  /** Events of `steps` steps from `t0`, in ts order. */
  *events(t0: number, steps: number): Generator<BboEvent | TradeEvent> {
    for (let i = 0; i < steps; i++) {
      const ts = t0 + i * this.stepMs;
      for (const symbol of this.symbols) {
        const mid = this.mids.get(symbol)! * (1 + (this.next() - 0.5) * 2e-4);
        this.mids.set(symbol, mid);
        for (const exchange of this.exchanges) {
          const center = mid * (1 + (this.next() - 0.5) * 2e-4);
          const half = center * (1 + this.next() * 2) * 1e-4;
          const bid = cents(center - half);
          const ask = Math.max(cents(center + half), bid + 1); // never locked or crossed
          const base = {
            exchange,
            symbol,
            nativeSymbol: symbol.replace('-', ''),
            ts,
            localTs: ts + 2,
          };
          yield {
            ...base,
            type: 'bbo',
            bidPrice: Decimal.fromParts(BigInt(bid), -2),
            bidAmount: this.size(),
            askPrice: Decimal.fromParts(BigInt(ask), -2),
            askAmount: this.size(),
          };
          if (this.next() < 0.5) {
            const buy = this.next() < 0.5;
            yield {
              ...base,
              type: 'trade',
              id: String(++this.seq),
              price: Decimal.fromParts(BigInt(buy ? ask : bid), -2),
              amount: this.size(),
              side: buy ? 'buy' : 'sell',
            };
          }
        }
      }
    }
  }

  private size(): Decimal {
    return Decimal.fromParts(BigInt(1_000 + Math.floor(this.next() * 999_000)), -6);
  }
}

function cents(x: number): number {
  return Math.round(x * 100);
}
