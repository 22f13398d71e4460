import { afterEach, describe, expect, it } from 'vitest';
import { Decimal, toJsonEvent, type AlertEvent, type CandleEvent } from '@feedgate/core';
import {
  type GatewayTestApp,
  startGateway,
  TestClient,
  waitFor,
} from '../testing/gateway-test.kit';
import { MarketFeed } from './market-feed.service';

let gw: GatewayTestApp | undefined;
afterEach(async () => {
  await gw?.close();
  gw = undefined;
});

const base = {
  exchange: 'binance',
  symbol: 'BTC-USDT',
  nativeSymbol: 'BTCUSDT',
  ts: 1_700_000_060_000,
  localTs: 1_700_000_060_001,
};
const candle = (interval: CandleEvent['interval'], close: string): CandleEvent => ({
  type: 'candle',
  ...base,
  interval,
  open: Decimal.parse('100'),
  high: Decimal.parse('105'),
  low: Decimal.parse('99'),
  close: Decimal.parse(close),
  volume: Decimal.parse('3.5'),
  trades: 7,
  start: 1_700_000_000_000,
  end: 1_700_000_060_000,
});
const json = (v: unknown) => Buffer.from(JSON.stringify(v));

describe('aggregated channels (JSON values on md.agg.*)', () => {
  it('routes candles by interval with the amendment flag, nbbo with its latest state, alerts to every-symbol subscribers', async () => {
    gw = await startGateway({ configFile: `/tmp/fg-agg-${process.pid}.json` });
    const nbbo = {
      symbol: 'BTC-USDT',
      bidPrice: '100.5',
      bidAmount: '1',
      bidExchange: 'okx',
      askPrice: '100.4',
      askAmount: '2',
      askExchange: 'binance',
      crossed: true,
      locked: false,
      ts: 1,
      localTs: 2,
      venues: 2,
    };
    await gw.bus.publish('md.agg.bbo', [{ key: 'BTC-USDT', value: json(nbbo) }]);
    await waitFor(() => gw!.app.get(MarketFeed).stats().eventsIn === 1);

    const c = await TestClient.open(gw.ws);
    c.send({ op: 'subscribe', channel: 'candles', symbol: 'BTC-USDT', interval: '1m' });
    c.send({ op: 'subscribe', channel: 'nbbo', symbol: 'BTC-USDT' });
    c.send({ op: 'subscribe', channel: 'alerts' });
    await c.until((x) => x.ops('subscribed').length === 3 && x.ops('data').length === 1);
    expect(c.ops('data')[0]).toEqual({ op: 'data', channel: 'nbbo', data: nbbo });

    await gw.bus.publish('md.agg.candles', [
      {
        key: 'BTC-USDT',
        value: json({ candle: toJsonEvent(candle('1s', '101')), amended: false, revision: 0 }),
      },
      {
        key: 'BTC-USDT',
        value: json({ candle: toJsonEvent(candle('1m', '102')), amended: true, revision: 1 }),
      },
      { key: 'BTC-USDT', value: Buffer.from('garbage') },
    ]);
    const alert: AlertEvent = {
      type: 'alert',
      ...base,
      symbol: 'ETH-USDT',
      kind: 'crossed-book',
      severity: 'warning',
      detail: 'bid > ask',
    };
    await gw.bus.publish('md.alerts', [
      { key: 'binance:ETH-USDT', value: json(toJsonEvent(alert)) },
    ]);
    await c.until((x) => x.ops('data').length === 3);
    const [, candleMsg, alertMsg] = c.ops('data');
    expect(candleMsg).toMatchObject({
      channel: 'candles',
      amended: true,
      revision: 1,
      data: { interval: '1m', close: '102', volume: '3.5' },
    });
    expect(alertMsg).toMatchObject({
      channel: 'alerts',
      data: { kind: 'crossed-book', symbol: 'ETH-USDT' },
    });
    expect(gw.app.get(MarketFeed).stats().badRecords).toBe(1);
    c.close();
  });
});
