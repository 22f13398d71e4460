import { describe, expect, it } from 'vitest';
import type { UnifiedEvent } from '@feedgate/core';
import { ExchangeConnector } from './exchange.connector';
import { InMemoryRest } from './ports/in-memory.rest';
import { InMemorySocket } from './ports/in-memory.socket';
import { createTestProtocol, frames, sub } from './testing/test-protocol';
import { VirtualTime } from './testing/virtual-time';

describe('ExchangeConnector', () => {
  it('shards 1,000 symbols over connections within the limit, rate-limits subscribes, merges streams', () => {
    const time = new VirtualTime();
    const socket = new InMemorySocket({
      onMessage: (conn, data) => data === '{"op":"ping"}' && conn.send(frames.pong()),
    });
    const protocol = createTestProtocol({
      books: false,
      limits: {
        maxSubscriptionsPerConnection: 200,
        maxSubscriptionsPerMessage: 50,
        subscribeMessagesPerSecond: 2,
      },
    });
    const symbols = Array.from({ length: 1000 }, (_, i) => `S${i}`);
    const connector = new ExchangeConnector({
      protocol,
      subscriptions: symbols.map((s) => sub('trade', s)),
      socket,
      rest: new InMemoryRest(0, time.scheduler),
      scheduler: time.scheduler,
    });
    const events: UnifiedEvent[] = [];
    const liveAt: number[] = [];
    connector.events$.subscribe((e) => events.push(e));
    connector.status$.subscribe((s) => s.state === 'live' && liveAt.push(s.ts));
    connector.start();
    time.advanceTo(3000);
    expect(socket.connections).toHaveLength(5);
    const all: string[] = [];
    for (const conn of socket.connections) {
      const msgs = conn.receivedText
        .filter((t) => t.includes('"sub"'))
        .map((t) => (JSON.parse(t) as { args: string[] }).args);
      expect(msgs).toHaveLength(4);
      for (const m of msgs) expect(m.length).toBeLessThanOrEqual(50);
      const count = msgs.flat().length;
      expect(count).toBeLessThanOrEqual(200);
      all.push(...msgs.flat());
    }
    expect(new Set(all).size).toBe(1000);
    expect(connector.actors.every((a) => a.state === 'live')).toBe(true);
    // Four messages at 2/s take 1.5 s per connection: each shard is live at t=1500.
    expect(liveAt).toEqual([1500, 1500, 1500, 1500, 1500]);
    expect(connector.actors.map((a) => a.id)).toEqual([0, 1, 2, 3, 4].map((i) => `testex#${i}`));
    for (const conn of socket.connections) conn.send(frames.trade('S1', conn.index));
    expect(events.filter((e) => e.type === 'trade')).toHaveLength(5);
    connector.stop();
    expect(socket.tornDown).toBe(5);
    expect(time.pending).toBe(0);
  });

  it('a shard losing its connection reconnects alone; the others are untouched', () => {
    const time = new VirtualTime();
    const socket = new InMemorySocket({
      onMessage: (conn, data) => data === '{"op":"ping"}' && conn.send(frames.pong()),
    });
    const connector = new ExchangeConnector({
      protocol: createTestProtocol({ books: false, limits: { maxSubscriptionsPerConnection: 2 } }),
      subscriptions: ['A', 'B', 'C', 'D'].map((s) => sub('trade', s)),
      socket,
      scheduler: time.scheduler,
      supervisor: { random: () => 0.5 },
    });
    connector.start();
    time.advanceTo(1000);
    socket.connections[1].close();
    time.advanceTo(3000);
    expect(socket.connections.map((c) => c.url)).toEqual([
      'mem://testex/0',
      'mem://testex/1',
      'mem://testex/1',
    ]);
    expect(socket.connections[0].tornDown).toBe(false);
    connector.stop();
  });

  it('one REST snapshot budget is shared by all shards, so a reconnect storm is spread out', () => {
    const time = new VirtualTime();
    const rest = new InMemoryRest(0, time.scheduler);
    const asked: number[] = [];
    rest.route('http://rest.test/', () => {
      asked.push(time.now());
      return { seq: 1, b: [], a: [] };
    });
    const socket = new InMemorySocket({
      onMessage: (conn, data) => data === '{"op":"ping"}' && conn.send(frames.pong()),
    });
    const connector = new ExchangeConnector({
      protocol: createTestProtocol({
        limits: { maxSubscriptionsPerConnection: 3, subscribeMessagesPerSecond: 1000 },
      }),
      subscriptions: ['A', 'B', 'C', 'D', 'E', 'F'].map((s) => sub('book', s)),
      socket,
      rest,
      supervisor: { random: () => 0 },
      scheduler: time.scheduler,
      snapshotBudget: { capacity: 2, refillPerSecond: 2 },
    });
    connector.start();
    time.advanceTo(10_000);
    expect(connector.actors).toHaveLength(2);
    expect(asked).toEqual([0, 0, 500, 1000, 1500, 2000]);
    // Both connections drop at once: the six resyncs still go out at the budget's pace.
    for (const conn of socket.active) conn.close();
    time.advanceTo(20_000);
    expect(asked.slice(6)).toEqual([10_000, 10_000, 10_500, 11_000, 11_500, 12_000]);
    connector.stop();
  });
});
