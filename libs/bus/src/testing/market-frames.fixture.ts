import { Decimal, type TradeEvent } from '@feedgate/core';
import { FrameEncoder } from '@feedgate/codec';
import type { BusRecord } from '../bus.types';

const EXCHANGES = ['binance', 'binance-futures', 'coinbase', 'kraken', 'okx', 'bybit'];
const BASES = ['BTC', 'ETH', 'SOL', 'XRP', 'DOGE', 'ADA', 'AVAX', 'LINK', 'DOT', 'LTC'];
const QUOTES = ['USDT', 'USD', 'USDC', 'EUR'];

/** The `exchange:symbol` keys of md.raw: 6 exchanges × 40 symbols. */
export const MARKET_KEYS: readonly string[] = EXCHANGES.flatMap((ex) =>
  BASES.flatMap((b) => QUOTES.map((q) => `${ex}:${b}-${q}`)),
);

// A small pool of immutable Decimals: events share them, so a million events cost no garbage.
const PRICES = Array.from({ length: 64 }, (_, i) => Decimal.parse((65000 + i * 0.1).toFixed(2)));
const AMOUNTS = Array.from({ length: 64 }, (_, i) => Decimal.parse((0.001 * (i + 1)).toFixed(3)));

/**
 * Frames of trade events for integration tests and the benchmark. Every key has its own
 * event sequence (trade id = per-key counter) and frame sequence, so a consumer can check
 * per-key order and completeness at event level after decoding.
 */
export class MarketFrames {
  private readonly encoder = new FrameEncoder();
  private readonly nextEvent = new Map<string, number>();
  private readonly nextFrame = new Map<string, number>();

  constructor(private readonly gateId = 'gate-test') {}

  /** One frame of `events` trades for `key`, stamped with `firstEventTime` (epoch ms). */
  frame(key: string, events: number, firstEventTime = Date.now()): BusRecord {
    const [exchange, symbol] = key.split(':');
    let seq = this.nextEvent.get(key) ?? 0;
    const frameSeq = this.nextFrame.get(key) ?? 0;
    this.nextFrame.set(key, frameSeq + 1);
    const enc = this.encoder;
    enc.begin({ gateId: this.gateId, replica: 'A', epoch: 1, frameSeq, firstEventTime });
    for (let i = 0; i < events; i++, seq++) {
      const trade: TradeEvent = {
        type: 'trade',
        exchange,
        symbol,
        nativeSymbol: symbol.replace('-', ''),
        ts: firstEventTime + (i >> 4),
        localTs: firstEventTime + (i >> 4) + 1,
        id: String(seq),
        price: PRICES[seq & 63],
        amount: AMOUNTS[(seq >> 3) & 63],
        side: (seq & 1) === 0 ? 'buy' : 'sell',
      };
      enc.add(trade);
    }
    this.nextEvent.set(key, seq);
    return { key, value: enc.finish() };
  }
}
