import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { book, bbo, trade } from '../testing/events.fixture';
import {
  type GatewayTestApp,
  publishEvents,
  startGateway,
  TestClient,
  waitFor,
} from '../testing/gateway-test.kit';
import { MarketFeed as MarketFeedToken } from '../upstream/market-feed.service';
import { CLOSE_RATE_LIMITED } from './close-codes';

let gw: GatewayTestApp | undefined;
afterEach(async () => {
  await gw?.close();
  gw = undefined;
});

/** Resolves with the HTTP status of a refused upgrade (or 101 when it opened). */
function upgradeStatus(url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers });
    ws.once('open', () => {
      ws.terminate();
      resolve(101);
    });
    ws.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.once('error', () => undefined);
  });
}

describe('MarketGateway auth', () => {
  it('refuses the upgrade with 401 without a key or with a wrong one, accepts ?apiKey=', async () => {
    gw = await startGateway({ configFile: `/tmp/fg-gw-${process.pid}-auth.json` });
    expect(await upgradeStatus(gw.ws)).toBe(401);
    expect(
      await upgradeStatus(gw.ws, {
        'x-api-key': 'fgk_000000000000_wrongwrongwrongwrongwrongwrongwr',
      }),
    ).toBe(401);
    expect(await upgradeStatus(`${gw.ws}?apiKey=nope`)).toBe(401);
    const client = await TestClient.open(
      `${gw.ws}?apiKey=test-bootstrap-admin-key-0123456789`,
      undefined,
    );
    client.send({ op: 'ping' });
    await client.until((c) => c.ops('pong').length === 1);
    client.close();
  });
});

describe('MarketGateway protocol', () => {
  it('acks subscriptions and delivers trades of the subscribed symbol only', async () => {
    gw = await startGateway({ configFile: `/tmp/fg-gw-${process.pid}-proto.json` });
    const client = await TestClient.open(gw.ws);
    client.send({ op: 'subscribe', channel: 'trades', symbol: 'BTC-USDT', exchange: 'binance' });
    await client.until((c) => c.ops('subscribed').length === 1);
    expect(client.ops('subscribed')[0]).toEqual({
      op: 'subscribed',
      channel: 'trades',
      symbol: 'BTC-USDT',
      exchange: 'binance',
    });
    await publishEvents(gw.bus, [
      trade('binance', 'BTC-USDT', 1),
      trade('binance', 'ETH-USDT', 2),
      trade('okx', 'BTC-USDT', 3),
      trade('binance', 'BTC-USDT', 4),
    ]);
    await client.until((c) => c.ops('data').length === 2);
    const data = client.ops('data').map((m) => m.data as Record<string, unknown>);
    expect(data.map((d) => d.id)).toEqual(['1', '4']);
    expect(data[0]).toMatchObject({
      type: 'trade',
      exchange: 'binance',
      price: '101.25',
      amount: '0.1',
    });
    expect(client.ops('data')[0].channel).toBe('trades');

    client.send({ op: 'unsubscribe', channel: 'trades', symbol: 'BTC-USDT', exchange: 'binance' });
    await client.until((c) => c.ops('unsubscribed').length === 1);
    await publishEvents(gw.bus, [trade('binance', 'BTC-USDT', 5)]);
    await new Promise((r) => setTimeout(r, 50));
    expect(client.ops('data')).toHaveLength(2);
    client.close();
  });

  it('answers bad messages with an error and keeps the socket open', async () => {
    gw = await startGateway({ configFile: `/tmp/fg-gw-${process.pid}-bad.json` });
    const client = await TestClient.open(gw.ws);
    client.send('not json');
    client.send({ op: 'subscribe', channel: 'weather', symbol: 'BTC-USDT' });
    client.send({ op: 'subscribe', channel: 'trades', symbol: 'btc/usdt' });
    client.send({ op: 'subscribe', channel: 'trades' });
    client.send({ op: 'subscribe', channel: 'trades', symbol: 'BTC-USDT', interval: '1m' });
    client.send({ op: 'subscribe', channel: 'trades', symbol: 'BTC-USDT', extra: 1 });
    client.send({ op: 'unsubscribe', channel: 'trades', symbol: 'BTC-USDT' });
    await client.until((c) => c.ops('error').length === 7);
    const reasons = client.ops('error').map((m) => String(m.reason));
    expect(reasons[0]).toBe('invalid JSON');
    expect(reasons[1]).toMatch(/channel must be one of/);
    expect(reasons[2]).toMatch(/normalized symbol/);
    expect(reasons[3]).toMatch(/symbol/);
    expect(reasons[4]).toMatch(/only valid for the candles/);
    expect(reasons[5]).toMatch(/extra should not exist/);
    expect(reasons[6]).toBe('not subscribed');
    client.send({ op: 'subscribe', channel: 'alerts' });
    await client.until((c) => c.ops('subscribed').length === 1);
    expect(client.socket.readyState).toBe(WebSocket.OPEN);
    client.close();
  });

  it('enforces the per-client subscription limit', async () => {
    gw = await startGateway({
      configFile: `/tmp/fg-gw-${process.pid}-lim.json`,
      maxSubscriptionsPerClient: 2,
    });
    const client = await TestClient.open(gw.ws);
    for (const symbol of ['BTC-USDT', 'ETH-USDT', 'SOL-USDT']) {
      client.send({ op: 'subscribe', channel: 'bbo', symbol });
    }
    await client.until((c) => c.ops('subscribed').length + c.ops('error').length === 3);
    expect(client.ops('subscribed').map((m) => m.symbol)).toEqual(['BTC-USDT', 'ETH-USDT']);
    expect(String(client.ops('error')[0].reason)).toMatch(/subscription limit reached \(2/);
    // Freeing a slot makes room again.
    client.send({ op: 'unsubscribe', channel: 'bbo', symbol: 'BTC-USDT' });
    client.send({ op: 'subscribe', channel: 'bbo', symbol: 'SOL-USDT' });
    await client.until((c) => c.ops('subscribed').length === 3);
    client.close();
  });

  it('rate-limits inbound messages: errors first, then closes an abusive client with 4029', async () => {
    gw = await startGateway({
      configFile: `/tmp/fg-gw-${process.pid}-rate.json`,
      inboundRatePerSec: 1,
      inboundBurst: 5,
      maxRateViolations: 3,
    });
    const client = await TestClient.open(gw.ws);
    for (let i = 0; i < 20; i++) client.send({ op: 'ping' });
    await client.closed;
    expect(client.ops('pong')).toHaveLength(5);
    expect(client.ops('error').map((m) => m.reason)).toEqual(
      Array(3).fill('rate limit exceeded (1 msgs/s)'),
    );
    expect(client.closeCode).toBe(CLOSE_RATE_LIMITED);
  });

  it('closes with 1009 when a frame exceeds maxPayload', async () => {
    gw = await startGateway({
      configFile: `/tmp/fg-gw-${process.pid}-big.json`,
      maxPayloadBytes: 1024,
    });
    const client = await TestClient.open(gw.ws);
    client.send({ op: 'ping', pad: 'x'.repeat(2000) });
    await client.closed;
    expect(client.closeCode).toBe(1009);
  });
});

describe('MarketGateway heartbeat', () => {
  it('drops a client that stops answering pings and keeps one that answers', async () => {
    gw = await startGateway({ configFile: `/tmp/fg-gw-${process.pid}-hb.json`, heartbeatMs: 100 });
    const alive = await TestClient.open(gw.ws);
    const dead = new WebSocket(gw.ws, {
      headers: { 'x-api-key': 'test-bootstrap-admin-key-0123456789' },
      autoPong: false,
    });
    const closed = new Promise<number>((resolve) => dead.on('close', (code) => resolve(code)));
    await new Promise((resolve) => dead.once('open', resolve));
    expect(await closed).toBe(1006);
    alive.send({ op: 'ping' });
    await alive.until((c) => c.ops('pong').length === 1);
    expect(alive.socket.readyState).toBe(WebSocket.OPEN);
    alive.close();
  });
});

describe('MarketGateway state channels', () => {
  it('gives a book subscriber a snapshot of the maintained book, then deltas', async () => {
    gw = await startGateway({ configFile: `/tmp/fg-gw-${process.pid}-book.json` });
    await publishEvents(gw.bus, [
      book(
        'binance',
        'BTC-USDT',
        true,
        [
          ['100', '1'],
          ['99', '2'],
        ],
        [
          ['101', '1'],
          ['102', '3'],
        ],
        1,
      ),
      book(
        'binance',
        'BTC-USDT',
        false,
        [
          ['99.0', '0'],
          ['98', '5'],
        ],
        [['101', '4']],
        2,
      ),
    ]);
    await waitFor(() => gw!.app.get(MarketFeedToken).stats().eventsIn >= 2);
    const client = await TestClient.open(gw.ws);
    client.send({ op: 'subscribe', channel: 'book', symbol: 'BTC-USDT', exchange: 'binance' });
    await client.until((c) => c.ops('data').length === 1);
    const snapshot = client.ops('data')[0].data as Record<string, unknown>;
    expect(snapshot).toMatchObject({
      type: 'book',
      snapshot: true,
      seq: '2',
      bids: [
        ['100', '1'],
        ['98', '5'],
      ],
      asks: [
        ['101', '4'],
        ['102', '3'],
      ],
    });
    await publishEvents(gw.bus, [book('binance', 'BTC-USDT', false, [['100', '0.5']], [], 3)]);
    await client.until((c) => c.ops('data').length === 2);
    expect(client.ops('data')[1].data).toMatchObject({
      snapshot: false,
      seq: '3',
      bids: [['100', '0.5']],
    });
    client.close();
  });

  it('starts a bbo subscriber from the latest quote of each exchange', async () => {
    gw = await startGateway({ configFile: `/tmp/fg-gw-${process.pid}-bbo.json` });
    await publishEvents(gw.bus, [
      bbo('binance', 'BTC-USDT', 1),
      bbo('okx', 'BTC-USDT', 2),
      bbo('binance', 'BTC-USDT', 3),
    ]);
    await waitFor(() => gw!.app.get(MarketFeedToken).stats().eventsIn >= 3);
    const client = await TestClient.open(gw.ws);
    client.send({ op: 'subscribe', channel: 'bbo', symbol: 'BTC-USDT' });
    await client.until((c) => c.ops('data').length === 2);
    const quotes = client.ops('data').map((m) => m.data as Record<string, string>);
    expect(quotes.map((q) => [q.exchange, q.bidPrice]).sort()).toEqual([
      ['binance', '103.5'],
      ['okx', '102.5'],
    ]);
    client.close();
  });
});
