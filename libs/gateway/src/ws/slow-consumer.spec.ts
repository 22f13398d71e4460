import type { Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { GatewayStats } from '../admin/gateway.stats';
import { bbo, trade } from '../testing/events.fixture';
import {
  type GatewayTestApp,
  publishEvents,
  startGateway,
  TestClient,
  waitFor,
} from '../testing/gateway-test.kit';
import { CLOSE_SLOW_CONSUMER } from './close-codes';

let gw: GatewayTestApp | undefined;
afterEach(async () => {
  await gw?.close();
  gw = undefined;
});

/** Stops reading the client's TCP socket: the server's send path backs up like a stalled trader. */
const rawSocket = (c: TestClient): Socket => (c.socket as unknown as { _socket: Socket })._socket;

const ROUND = 500;
const MAX_ROUNDS = 600;

describe('slow consumers', () => {
  it('conflates BBO for a stalled client, then drops it with 4008 while a fast client gets everything', async () => {
    gw = await startGateway({
      configFile: `/tmp/fg-gw-${process.pid}-slow.json`,
      highWaterBytes: 1024 * 1024,
      maxBufferedBytes: 256 * 1024 * 1024,
      maxLagMs: 300,
    });
    const stats = gw.app.get(GatewayStats);
    const subscribe = { op: 'subscribe', channel: 'bbo', symbol: 'BTC-USDT', exchange: 'binance' };
    const fast = await TestClient.open(gw.ws);
    const slow = await TestClient.open(gw.ws);
    fast.send(subscribe);
    slow.send(subscribe);
    await fast.until((c) => c.ops('subscribed').length === 1);
    await slow.until((c) => c.ops('subscribed').length === 1);
    rawSocket(slow).pause();

    let published = 0;
    let maxBacklog = 0;
    for (let round = 0; round < MAX_ROUNDS && stats.snapshot().slowDisconnects === 0; round++) {
      const events = Array.from({ length: ROUND }, (_, i) =>
        bbo('binance', 'BTC-USDT', published + i),
      );
      await publishEvents(gw.bus, events);
      published += ROUND;
      // The fast client is served at full rate: it has every update before the next round.
      await fast.until((c) => c.ops('data').length === published, 10_000);
      maxBacklog = Math.max(maxBacklog, stats.snapshot().backlog);
    }
    const snap = stats.snapshot();
    expect(snap.slowDisconnects).toBe(1);
    expect(snap.conflated).toBeGreaterThan(0);
    // One conflation key: whatever the slow client missed, the gateway held at most one update.
    expect(maxBacklog).toBeLessThanOrEqual(1);

    rawSocket(slow).resume();
    await slow.closed;
    expect(slow.closeCode).toBe(CLOSE_SLOW_CONSUMER);
    expect(slow.closeReason).toMatch(/^slow consumer: behind for more than 300 ms/);
    const got = slow.ops('data').map((m) => Number((m.data as { ts: number }).ts));
    expect(got.length).toBeLessThan(published);
    expect(got.length).toBeGreaterThan(0);
    // Conflation skips updates but never reorders them.
    for (let i = 1; i < got.length; i++) expect(got[i]).toBeGreaterThan(got[i - 1]);

    expect(fast.closeCode).toBeUndefined();
    expect(fast.ops('data')).toHaveLength(published);
    fast.close();
  }, 60_000);

  it('queues trades for a stalled client only up to the bound, then drops it with the reason', async () => {
    gw = await startGateway({
      configFile: `/tmp/fg-gw-${process.pid}-slowq.json`,
      highWaterBytes: 64 * 1024,
      maxQueuedMessages: 200,
      maxLagMs: 60_000,
    });
    const stats = gw.app.get(GatewayStats);
    const slow = await TestClient.open(gw.ws);
    slow.send({ op: 'subscribe', channel: 'trades', symbol: 'BTC-USDT' });
    await slow.until((c) => c.ops('subscribed').length === 1);
    rawSocket(slow).pause();
    let published = 0;
    let maxBacklog = 0;
    for (let round = 0; round < MAX_ROUNDS && stats.snapshot().slowDisconnects === 0; round++) {
      await publishEvents(
        gw.bus,
        Array.from({ length: ROUND }, (_, i) => trade('okx', 'BTC-USDT', published + i)),
      );
      published += ROUND;
      await waitFor(() => stats.snapshot().upstream.eventsIn === published);
      maxBacklog = Math.max(maxBacklog, stats.snapshot().backlog);
    }
    expect(stats.snapshot().slowDisconnects).toBe(1);
    expect(maxBacklog).toBeLessThanOrEqual(200);
    rawSocket(slow).resume();
    await slow.closed;
    expect(slow.closeCode).toBe(CLOSE_SLOW_CONSUMER);
    expect(slow.closeReason).toBe('slow consumer: more than 200 messages queued');
    // Trades are never conflated: what arrived is a gap-free prefix of the tape.
    const ids = slow.ops('data').map((m) => Number((m.data as { id: string }).id));
    expect(ids).toEqual(ids.map((_, i) => i));
  }, 60_000);
});
