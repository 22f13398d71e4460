import { type MarketBus } from '@feedgate/bus';
import { FrameEncoder } from '@feedgate/codec';
import { Decimal, type UnifiedEvent } from '@feedgate/core';

/** 50 common bases → the 50 `BASE-USDT` symbols of the gateway benchmark. */
export const BENCH_BASES = (
  'BTC ETH SOL XRP BNB ADA DOGE AVAX DOT LINK LTC TRX ATOM UNI XLM ETC FIL APT ARB OP ' +
  'NEAR ICP HBAR VET ALGO AAVE SAND MANA AXS EGLD XTZ THETA EOS GRT INJ RUNE SUI SEI TIA PEPE ' +
  'SHIB WLD IMX LDO CRV MKR SNX COMP BCH POL'
).split(' ');
export const BENCH_SYMBOLS: readonly string[] = BENCH_BASES.map((b) => `${b}-USDT`);
export const BENCH_EXCHANGES = ['binance', 'binance-futures', 'coinbase', 'kraken', 'okx', 'bybit'];

/** Bootstrap admin key of the bench gateway (loopback only, never a real key). */
export const BENCH_KEY = 'gateway-bench-admin-key-0123456789';

/** Wall clock with sub-ms precision, comparable across processes on one machine. */
export function nowMs(): number {
  return performance.timeOrigin + performance.now();
}

/**
 * The synthetic md.unified upstream: trades and BBOs spread round-robin over
 * exchanges × symbols at a fixed total rate, published every `tickMs` as binary frames
 * (one event per record, keyed `exchange:symbol`, like dedup's output). Each event's
 * localTs is the publish instant, so a client's receive time minus localTs is exactly the
 * gateway's share of the end-to-end latency (bus hand-off + routing + serialization + ws).
 */
export class SyntheticFeed {
  private readonly encoder = new FrameEncoder();
  private readonly price = Decimal.parse('65000.10');
  private readonly amount = Decimal.parse('0.002');
  private readonly ask = Decimal.parse('65000.20');
  private timer: NodeJS.Timeout | undefined;
  private carry = 0;
  private last = 0;
  private n = 0;
  private frameSeq = 0;
  published = 0;

  constructor(
    private readonly bus: MarketBus,
    /** Events per second in total (trades + bbo). */
    private readonly rate: number,
    /** Share of trades among events (the emulator's pipeline gives ≈ 0.62). */
    private readonly tradeShare: number,
    private readonly tickMs = 5,
  ) {}

  start(): void {
    this.last = nowMs();
    this.timer = setInterval(() => this.tick(), this.tickMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private tick(): void {
    const now = nowMs();
    // Rate × elapsed (not × tickMs): a late timer catches up instead of lowering the rate;
    // capped at 1 s worth so a long stall does not turn into a burst of stale events.
    const due = Math.min(this.carry + ((now - this.last) * this.rate) / 1000, this.rate);
    this.last = now;
    const count = Math.floor(due);
    this.carry = due - count;
    if (count === 0) return;
    const records = new Array<{ key: string; value: Buffer }>(count);
    for (let i = 0; i < count; i++) {
      const event = this.event(now);
      records[i] = {
        key: `${event.exchange}:${event.symbol}`,
        value: this.encoder.encode(
          {
            gateId: 'bench',
            replica: 'A',
            epoch: 1,
            frameSeq: this.frameSeq++,
            firstEventTime: now,
          },
          [event],
        ),
      };
    }
    this.published += count;
    void this.bus.publish('md.unified', records);
  }

  private event(now: number): UnifiedEvent {
    const k = this.n++;
    const symbol = BENCH_SYMBOLS[k % BENCH_SYMBOLS.length];
    const exchange = BENCH_EXCHANGES[Math.floor(k / BENCH_SYMBOLS.length) % BENCH_EXCHANGES.length];
    const base = {
      exchange,
      symbol,
      nativeSymbol: symbol.replace('-', ''),
      ts: now - 1,
      localTs: now,
    };
    // Deterministic mix: trade when the fractional part of k × share wraps.
    if (Math.floor((k + 1) * this.tradeShare) > Math.floor(k * this.tradeShare)) {
      return {
        ...base,
        type: 'trade',
        id: String(k),
        price: this.price,
        amount: this.amount,
        side: 'buy',
      };
    }
    return {
      ...base,
      type: 'bbo',
      bidPrice: this.price,
      bidAmount: this.amount,
      askPrice: this.ask,
      askAmount: this.amount,
    };
  }
}
