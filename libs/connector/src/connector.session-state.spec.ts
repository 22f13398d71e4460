import { describe, expect, it } from 'vitest';
import { Decimal, type UnifiedEvent } from '@feedgate/core';
import type { DeadLetter } from './connector.options';
import { ExchangeConnector } from './exchange.connector';
import { InMemorySocket } from './ports/in-memory.socket';
import type { SocketData } from './ports/socket.port';
import type { ConnectorProtocol, ParseResult } from './protocol/connector-protocol';
import { createTestProtocol, frames, sub } from './testing/test-protocol';
import { VirtualTime } from './testing/virtual-time';

/**
 * A Bitfinex / Kraken v1 style protocol: `{"op":"ack","chan":7,"s":"AAA"}` announces that
 * channel 7 carries AAA's trades on THIS connection; `[7,"id","price"]` is then a trade.
 */
function channelIdProtocol(): { protocol: ConnectorProtocol; sessions: () => number } {
  let sessions = 0;
  const base = createTestProtocol({
    books: false,
    limits: { maxSubscriptionsPerConnection: 1 },
  });
  const baseSession = base.createSession();
  const protocol: ConnectorProtocol = {
    ...base,
    createSession: () => {
      sessions += 1;
      const channels = new Map<number, string>();
      return {
        parse: (frame: SocketData, localTs: number): ParseResult => {
          const text = typeof frame === 'string' ? frame : Buffer.from(frame).toString('utf8');
          if (!text.startsWith('[')) {
            const msg = JSON.parse(text) as { op?: string; chan?: number; s?: string };
            if (msg.op === 'ack' && msg.chan !== undefined && msg.s !== undefined) {
              channels.set(msg.chan, msg.s);
              return { kind: 'control', control: { type: 'subscribed' } };
            }
            return baseSession.parse(frame, localTs);
          }
          const [chan, id, price] = JSON.parse(text) as [number, string, string];
          const native = channels.get(chan);
          if (native === undefined) {
            return { kind: 'error', error: new Error(`unknown channel ${chan}`) };
          }
          const event: UnifiedEvent = {
            type: 'trade',
            exchange: base.exchange,
            symbol: `${native}-USD`,
            nativeSymbol: native,
            ts: 1,
            localTs,
            id,
            price: Decimal.parse(price),
            amount: Decimal.parse('1'),
            side: 'buy',
          };
          return { kind: 'events', events: [event] };
        },
      };
    },
  };
  return { protocol, sessions: () => sessions };
}

describe('per-connection protocol sessions', () => {
  it('two connections of one exchange never share parser state; a reconnect starts clean', () => {
    const time = new VirtualTime();
    const socket = new InMemorySocket({
      onMessage: (conn, data) => data === '{"op":"ping"}' && conn.send(frames.pong()),
    });
    const { protocol, sessions } = channelIdProtocol();
    const connector = new ExchangeConnector({
      protocol,
      subscriptions: [sub('trade', 'AAA'), sub('trade', 'BBB')],
      socket,
      scheduler: time.scheduler,
      supervisor: { random: () => 0.5 },
    });
    const trades: UnifiedEvent[] = [];
    const dead: DeadLetter[] = [];
    connector.events$.subscribe((e) => trades.push(e));
    connector.deadLetters$.subscribe((d) => dead.push(d));
    connector.start();
    time.advanceTo(500);
    const [a, b] = socket.connections;
    expect(sessions()).toBe(2);
    // Both venues' connections reuse channel number 7, each for its own symbol.
    a.send('{"op":"ack","chan":7,"s":"AAA"}');
    b.send('{"op":"ack","chan":7,"s":"BBB"}');
    a.send('[7,"1","10"]');
    b.send('[7,"2","20"]');
    expect(trades.map((t) => [t.nativeSymbol, t.type === 'trade' && t.id])).toEqual([
      ['AAA', '1'],
      ['BBB', '2'],
    ]);

    // After a reconnect the new connection's session knows no channel until it is announced.
    a.close();
    time.advanceTo(2000);
    const a2 = socket.connections[2];
    expect(a2.url).toBe('mem://testex/0');
    expect(sessions()).toBe(3);
    a2.send('[7,"3","10"]');
    expect(dead.map((d) => d.error)).toEqual(['unknown channel 7']);
    a2.send('{"op":"ack","chan":9,"s":"AAA"}');
    a2.send('[9,"4","11"]');
    b.send('[7,"5","21"]');
    expect(trades.slice(2).map((t) => [t.nativeSymbol, t.type === 'trade' && t.id])).toEqual([
      ['AAA', '4'],
      ['BBB', '5'],
    ]);
    connector.stop();
  });
});
