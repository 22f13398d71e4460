import { describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { GatewayConfig } from '../config/gateway.config';
import { ClientSession, type SessionCounters } from './client-session.socket';

/** A ws stand-in whose TCP socket records cork depth and what was flushed per uncork. */
function fakeSocket() {
  const raw = {
    destroyed: false,
    depth: 0,
    corks: 0,
    pending: [] as string[],
    flushes: [] as string[][],
    cork() {
      raw.depth++;
      raw.corks++;
    },
    uncork() {
      raw.depth--;
      if (raw.depth === 0 && raw.pending.length > 0) raw.flushes.push(raw.pending.splice(0));
    },
    write(text: string) {
      if (raw.depth > 0) raw.pending.push(text);
      else raw.flushes.push([text]);
    },
  };
  const ws = { _socket: raw, bufferedAmount: 0, send: (text: string) => raw.write(text) };
  return { raw, ws: ws as unknown as WebSocket };
}

const counters = (): SessionCounters => ({ sent: 0, conflated: 0, queued: 0, slowDisconnects: 0 });
const principal = { keyId: 'k', role: 'viewer' };
const tick = () => new Promise<void>((resolve) => process.nextTick(resolve));

describe('ClientSession write batching', () => {
  it('sends every message of one synchronous fan-out in a single flush, in order', async () => {
    const { raw, ws } = fakeSocket();
    const session = new ClientSession(ws, principal, GatewayConfig.of(), counters());
    for (let i = 0; i < 5; i++) session.deliver({ text: `m${i}` });
    expect(raw.flushes).toEqual([]); // held while the fan-out runs
    expect(raw.corks).toBe(1);
    await tick();
    expect(raw.flushes).toEqual([['m0', 'm1', 'm2', 'm3', 'm4']]);
    expect(raw.depth).toBe(0);
  });

  it('corks again for the next fan-out', async () => {
    const { raw, ws } = fakeSocket();
    const session = new ClientSession(ws, principal, GatewayConfig.of(), counters());
    session.deliver({ text: 'a' });
    await tick();
    session.deliver({ text: 'b' });
    session.deliver({ text: 'c' });
    await tick();
    expect(raw.flushes).toEqual([['a'], ['b', 'c']]);
    expect(raw.corks).toBe(2);
  });

  it('still sends (uncorked) when the ws has no TCP socket to cork', () => {
    const sent: string[] = [];
    const ws = { bufferedAmount: 0, send: (t: string) => sent.push(t) } as unknown as WebSocket;
    const c = counters();
    const session = new ClientSession(ws, principal, GatewayConfig.of(), c);
    session.deliver({ text: 'x' });
    expect(sent).toEqual(['x']);
    expect(c.sent).toBe(1);
  });
});
