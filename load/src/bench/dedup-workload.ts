import { Decimal, type TradeEvent } from '@feedgate/core';
import type { DedupReplica } from '@feedgate/dedup';

const EXCHANGES = ['binance', 'binance-futures', 'coinbase', 'kraken', 'okx', 'bybit'];
const PRICE = Decimal.parse('65000.10');
const AMOUNT = Decimal.parse('0.002');

/** One copy as a stream item (what the RxJS operator sees). */
export interface DedupItem {
  readonly event: TradeEvent;
  readonly replica: DedupReplica;
}

/** One chunk of arrivals: `events[i]` came from `replicas[i]`; `items[i]` is both in one object. */
export interface DedupArrivals {
  readonly events: TradeEvent[];
  readonly replicas: DedupReplica[];
  readonly items: DedupItem[];
}

/**
 * The dedup benchmarks' event stream (issue 4): 300 keys (6 exchanges × 50 symbols) picked at
 * random per event; trade ids count up per key — plain numbers on 5 venues, UUID-like text on
 * bybit (the hashed identity path). The arrival clock (localTs) advances 1/rate s per distinct
 * event. Every distinct event arrives twice: from replica A, and from B `lag` arrivals later.
 *
 * Generated in chunks (`next`) so that a benchmark times the dedup on events that were just
 * built — as in the service, where a frame is decoded right before it is deduplicated — rather
 * than on millions of events materialized in advance, whose cache misses would be the harness's.
 */
export class DedupWorkload {
  static readonly KEYS: readonly (readonly [exchange: string, symbol: string])[] =
    EXCHANGES.flatMap((ex) => Array.from({ length: 50 }, (_, i) => [ex, `C${i}-USDT`] as const));

  /** Distinct events generated so far. */
  distinct = 0;
  private readonly nextId = new Array<number>(DedupWorkload.KEYS.length).fill(3_400_000_000);
  private rnd = 12345;
  /** A copies whose B copy is still to come (oldest first). */
  private waiting: TradeEvent[] = [];

  constructor(
    readonly rate: number,
    readonly t0: number,
    readonly lag = 40,
  ) {}

  /** Arrival time of the `n`-th distinct event. */
  timeOf(n: number): number {
    return this.t0 + (n * 1000) / this.rate;
  }

  /** The next `n` distinct trades, in key order as drawn (no replica copies). */
  trades(n: number): TradeEvent[] {
    const out: TradeEvent[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const key = this.drawKey();
      const [exchange, symbol] = DedupWorkload.KEYS[key];
      const localTs = this.timeOf(this.distinct++);
      out[i] = {
        type: 'trade',
        exchange,
        symbol,
        nativeSymbol: symbol,
        ts: localTs - 3,
        localTs,
        id: this.nextIdOf(key),
        price: PRICE,
        amount: AMOUNT,
        side: 'buy',
      };
    }
    return out;
  }

  /**
   * The next `n` distinct events of the stream as bare identities (no event objects, no replica
   * copies), handed to `offer` with their arrival time: fills a window with exactly what the
   * stream would have left in it, fast enough for 36M ids. `identity` maps (exchange, id text)
   * to the window's id, as the window under test computes it.
   */
  prefill(
    n: number,
    identity: (exchange: string, id: string) => { hi: number; lo: number },
    offer: (exchange: string, symbol: string, hi: number, lo: number, t: number) => void,
  ): void {
    for (let i = 0; i < n; i++) {
      const key = this.drawKey();
      const [exchange, symbol] = DedupWorkload.KEYS[key];
      const id = identity(exchange, this.nextIdOf(key));
      offer(exchange, symbol, id.hi, id.lo, this.timeOf(this.distinct++));
    }
  }

  private drawKey(): number {
    this.rnd = (Math.imul(this.rnd, 1103515245) + 12345) | 0;
    return (this.rnd >>> 8) % DedupWorkload.KEYS.length;
  }

  private nextIdOf(key: number): string {
    const seq = this.nextId[key]++;
    return DedupWorkload.KEYS[key][0] === 'bybit'
      ? `0c1f${seq.toString(16)}-7e2a-4b0c-9d1e-5f6a7b8c9d0e`
      : String(seq);
  }

  /**
   * `n` new distinct trades as 2n arrivals: each A copy, with the B copy of the event `lag`
   * arrivals back interleaved (the very first chunk has fewer B copies, and the last `lag` B
   * copies wait for the next chunk). The n A copies are the chunk's first copies.
   */
  next(n: number): DedupArrivals {
    const fresh = this.trades(n);
    const events: TradeEvent[] = [];
    const replicas: DedupReplica[] = [];
    const half = Math.floor(this.lag / 2);
    for (const e of fresh) {
      events.push(e);
      replicas.push('A');
      this.waiting.push(e);
      if (this.waiting.length > half) {
        events.push(this.waiting.shift() as TradeEvent);
        replicas.push('B');
      }
    }
    const items = events.map((event, i) => ({ event, replica: replicas[i] }));
    return { events, replicas, items };
  }
}
