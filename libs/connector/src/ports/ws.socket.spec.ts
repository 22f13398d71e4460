import { afterEach, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { UnifiedEvent } from '@feedgate/core';
import type { SocketEvent } from './socket.port';
import { ConnectorActor } from '../connector.actor';
import { ConnectorSupervisor } from '../connector.supervisor';
import { createTestProtocol, frames, sub } from '../testing/test-protocol';
import { WsSocket } from './ws.socket';

function waitFor(check: () => boolean, timeoutMs = 5000): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const poll = setInterval(() => {
      if (check()) {
        clearInterval(poll);
        resolve();
      } else if (Date.now() - started > timeoutMs) {
        clearInterval(poll);
        reject(new Error('timed out'));
      }
    }, 5);
  });
}

describe('WsSocket against a real ws server on loopback', () => {
  let server: WebSocketServer | undefined;
  let supervisor: ConnectorSupervisor | undefined;

  afterEach(async () => {
    supervisor?.stop();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  });

  it('abrupt close → reconnect and resubscribe', async () => {
    server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => server?.once('listening', () => resolve()));
    const port = (server.address() as AddressInfo).port;
    const subscribes: string[][] = [];
    const sockets: WebSocket[] = [];
    server.on('connection', (ws) => {
      const index = sockets.push(ws) - 1;
      subscribes[index] = [];
      ws.on('message', (data) => {
        const msg = JSON.parse(data.toString()) as { op: string; args?: string[] };
        if (msg.op === 'ping') ws.send(frames.pong());
        if (msg.op !== 'sub') return;
        subscribes[index].push(...(msg.args ?? []));
        ws.send(frames.trade('AAA', `c${index}`));
        // The first connection dies abruptly (no close frame) right after subscribing.
        if (index === 0) setTimeout(() => ws.terminate(), 20);
      });
    });

    const actor = new ConnectorActor({
      protocol: createTestProtocol({ books: false }),
      subscriptions: [sub('trade', 'AAA'), sub('bbo', 'AAA')],
      socket: new WsSocket(),
      url: `ws://127.0.0.1:${port}`,
    });
    const events: UnifiedEvent[] = [];
    actor.events$.subscribe((e) => events.push(e));
    supervisor = new ConnectorSupervisor(actor, { baseMs: 20, random: () => 0.5 });
    supervisor.start();

    await waitFor(() => events.length >= 2);
    expect(sockets.length).toBe(2);
    expect(subscribes[0].sort()).toEqual(['bbo:AAA', 'trade:AAA']);
    expect(subscribes[1].sort()).toEqual(['bbo:AAA', 'trade:AAA']);
    expect(events.map((e) => (e.type === 'trade' ? e.id : e.type))).toEqual(['c0', 'c1']);
    expect(actor.state).toBe('live');
    expect(actor.metrics.connectionsLost).toBe(1);
  });

  it('shares one socket between subscribers, closes it after the last, reopens on demand', async () => {
    server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => server?.once('listening', () => resolve()));
    const port = (server.address() as AddressInfo).port;
    const peers: WebSocket[] = [];
    let peerCloses = 0;
    server.on('connection', (ws) => {
      peers.push(ws);
      ws.on('close', () => (peerCloses += 1));
      ws.send('hello');
      ws.send(Buffer.from([1, 2, 3]), { binary: true });
    });
    const conn = new WsSocket().open(`ws://127.0.0.1:${port}`);
    const a: SocketEvent[] = [];
    const b: SocketEvent[] = [];
    const subA = conn.events$.subscribe((e) => a.push(e));
    const subB = conn.events$.subscribe((e) => b.push(e));
    await waitFor(() => a.length >= 3 && b.length >= 3);
    expect(peers.length).toBe(1);
    expect(a).toEqual([
      { kind: 'open' },
      { kind: 'message', data: 'hello' },
      { kind: 'message', data: new Uint8Array([1, 2, 3]) },
    ]);
    expect(b).toEqual(a);
    expect(conn.send('up')).toBe(true);

    subA.unsubscribe();
    await new Promise((r) => setTimeout(r, 50));
    expect(peerCloses).toBe(0);
    subB.unsubscribe();
    await waitFor(() => peerCloses === 1);
    expect(conn.send('gone')).toBe(false);

    // After an orderly close from the server the stream completes; a new subscribe reconnects.
    const c: SocketEvent[] = [];
    let completed = false;
    conn.events$.subscribe({ next: (e) => c.push(e), complete: () => (completed = true) });
    await waitFor(() => peers.length === 2 && c.length >= 3);
    peers[1].close(4000, 'bye');
    await waitFor(() => completed);
    expect(c[c.length - 1]).toEqual({ kind: 'close', code: 4000, reason: 'bye' });
    conn.events$.subscribe();
    await waitFor(() => peers.length === 3);
    conn.close();
    await waitFor(() => peerCloses === 3);
  });
});
