import type { ConsumedBatch } from '@feedgate/bus';
import { FrameEncoder } from '@feedgate/codec';
import { type BookLevel, Decimal, mulberry32, type UnifiedEvent } from '@feedgate/core';

const EXCHANGES = ['binance', 'binance-futures', 'coinbase', 'kraken', 'okx', 'bybit'];
const BASES = ['BTC', 'ETH', 'SOL', 'XRP', 'BNB', 'ADA', 'DOGE', 'AVAX', 'DOT', 'LINK'];
/** The 10 symbols of the workload (60 instruments with the 6 exchanges). */
export const BENCH_FEED_SYMBOLS: readonly string[] = BASES.map((b) => `${b}-USDT`);

/** Share of each event kind (the load run's md.unified: ~30% trades, the rest book and bbo). */
const TRADE_SHARE = 0.3;
const BOOK_SHARE = 0.4;
const SNAPSHOT_LEVELS = 50;
const RECORDS_PER_BATCH = 100;

/**
 * A fixed synthetic md.unified stream as the bus would hand it to MarketFeed.onBatch: binary
 * frames of 1–3 events of one instrument, 100 records per batch. Every instrument starts with a
 * 50-level book snapshot; then trades, book deltas (1–3 levels a side, some deletions) and BBOs
 * at two-decimal prices around a per-symbol mid.
 */
export function benchFeedBatches(events: number, seed = 7): ConsumedBatch[] {
  // Seeded: the same workload on every run and every version.
  const rnd = mulberry32(seed);
  const encoder = new FrameEncoder();
  const d = (units: number, scale: number): Decimal =>
    Decimal.fromParts(BigInt(Math.round(units)), -scale);
  const instruments = EXCHANGES.flatMap((exchange) =>
    BENCH_FEED_SYMBOLS.map((symbol, i) => ({ exchange, symbol, mid: 100 * (i + 1) ** 3 })),
  );
  const base = (ins: (typeof instruments)[number], t: number) => ({
    exchange: ins.exchange,
    symbol: ins.symbol,
    nativeSymbol: ins.symbol.replace('-', ''),
    ts: t,
    localTs: t + 3,
  });
  const level = (mid: number, side: number, far: number, zero: boolean): BookLevel => [
    d((mid + side * (0.01 + far * 0.01)) * 100, 2),
    zero ? Decimal.ZERO : d(rnd() * 5_000, 3),
  ];
  let seq = 0;
  let t = 1_764_000_000_000;
  const records: { value: Buffer }[] = [];
  const frame = (list: UnifiedEvent[]): void => {
    const header = { gateId: 'bench', replica: 'A' as const, epoch: 1, frameSeq: seq++ };
    records.push({ value: encoder.encode({ ...header, firstEventTime: list[0].ts }, list) });
  };
  for (const ins of instruments) {
    const side = (s: number) =>
      Array.from({ length: SNAPSHOT_LEVELS }, (_, i) => level(ins.mid, s, i, false));
    frame([
      { type: 'book', ...base(ins, t), snapshot: true, bids: side(-1), asks: side(1), seq: '1' },
    ]);
  }
  let made = 0;
  while (made < events) {
    const ins = instruments[Math.floor(rnd() * instruments.length)];
    const list: UnifiedEvent[] = [];
    const n = Math.min(1 + Math.floor(rnd() * 3), events - made);
    for (let i = 0; i < n; i++, made++) {
      t += 0.25;
      const r = rnd();
      if (r < TRADE_SHARE) {
        const price = d((ins.mid + (rnd() - 0.5)) * 100, 2);
        const side = rnd() < 0.5 ? 'buy' : 'sell';
        const amount = d(rnd() * 2_000, 4);
        list.push({ type: 'trade', ...base(ins, t), id: String(made), price, amount, side });
      } else if (r < TRADE_SHARE + BOOK_SHARE) {
        const levels = (s: number) =>
          Array.from({ length: 1 + Math.floor(rnd() * 3) }, () =>
            level(ins.mid, s, Math.floor(rnd() * 60), rnd() < 0.2),
          );
        const s = String(made + 2);
        list.push({
          type: 'book',
          ...base(ins, t),
          snapshot: false,
          bids: levels(-1),
          asks: levels(1),
          seq: s,
        });
      } else {
        const bid = level(ins.mid, -1, 0, false);
        const ask = level(ins.mid, 1, 0, false);
        // prettier-ignore
        list.push({
          type: 'bbo', ...base(ins, t),
          bidPrice: bid[0], bidAmount: bid[1], askPrice: ask[0], askAmount: ask[1],
        });
      }
    }
    frame(list);
  }
  const batches: ConsumedBatch[] = [];
  for (let i = 0; i < records.length; i += RECORDS_PER_BATCH) {
    const slice = records.slice(i, i + RECORDS_PER_BATCH).map((r, j) => ({
      topic: 'md.unified',
      partition: 0,
      key: '',
      value: r.value,
      offset: i + j,
      timestamp: 0,
      headers: {},
    }));
    // prettier-ignore
    batches.push({
      topic: 'md.unified', partition: 0, records: slice,
      firstOffset: i, lastOffset: i + slice.length - 1, nextOffset: i + slice.length,
    });
  }
  return batches;
}
