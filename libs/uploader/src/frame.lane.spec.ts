import type { BusRecord } from '@feedgate/bus';
import { Decimal, type TradeEvent } from '@feedgate/core';
import { afterEach, describe, expect, it } from 'vitest';
import { HeldBus, TEST_TOPICS } from './testing/held.bus';
import { Uploader } from './uploader';

/** Remembers the key of every record in the order the uploader handed them over. */
class KeyOrderBus extends HeldBus {
  readonly keys: string[] = [];

  override publish(topic: string, records: readonly BusRecord[]): Promise<void> {
    if (topic === 'md.raw') this.keys.push(...records.map((r) => r.key));
    return super.publish(topic, records);
  }
}

function trade(exchange: string, symbol: string, id: number): TradeEvent {
  return {
    type: 'trade',
    exchange,
    symbol,
    nativeSymbol: symbol.replace('-', ''),
    ts: 1_700_000_000_000 + id,
    localTs: 1_700_000_000_001 + id,
    id: String(id),
    price: Decimal.parse('100.5'),
    amount: Decimal.parse('0.01'),
    side: 'buy',
  };
}

const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

describe('FrameLane (through the Uploader)', () => {
  it('a flush closes the open frames in the order their keys first appeared', async () => {
    const bus = new KeyOrderBus();
    await bus.ensureTopics(TEST_TOPICS);
    const up = new Uploader(bus, { gateId: 'g1', replica: 'A', lingerMs: 60_000 });
    cleanup.push(() => bus.close());
    cleanup.push(() => up.close(500).catch(() => undefined));
    const order: [string, string][] = [
      ['okx', 'ETH-USDT'],
      ['binance', 'BTC-USDT'],
      ['okx', 'BTC-USDT'],
      ['binance', 'ETH-USDT'],
      ['okx', 'ETH-USDT'],
    ];
    order.forEach(([exchange, symbol], i) => up.write(trade(exchange, symbol, i), 7));
    expect(up.metrics.framesOut).toBe(0);
    await up.flush();
    expect(bus.keys).toEqual([
      'okx:ETH-USDT',
      'binance:BTC-USDT',
      'okx:BTC-USDT',
      'binance:ETH-USDT',
    ]);
    expect(up.metrics.eventsOut).toBe(5);
  });
});
