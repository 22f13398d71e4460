import type { EventBase } from './unified-event';

/**
 * Kafka key of md.raw / md.unified / md.alerts / md.status (DESIGN.md): `exchange:symbol`,
 * e.g. `binance:BTC-USDT`. Keying by instrument keeps one instrument's events in order on
 * one partition. Works for the internal and the JSON form alike.
 */
export function eventKey(e: Pick<EventBase, 'exchange' | 'symbol'>): string {
  return `${e.exchange}:${e.symbol}`;
}
