import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import * as ws from 'ws';
import { WebSocket, WebSocketServer } from 'ws';
import { GatewayConfig } from '../config/gateway.config';
import { framePayload, textFrame } from '../upstream/text-frame';
import { ClientSession, type SessionCounters } from './client-session.socket';

/** ws's own framing of a server text message (what ws.send writes), for comparison. */
const wsFrame = (text: string): Buffer => {
  const { Sender } = ws as unknown as {
    Sender: { frame(data: Buffer, options: object): Buffer[] };
  };
  const opts = { fin: true, opcode: 1, mask: false, readOnly: false, rsv1: false };
  return Buffer.concat(Sender.frame(Buffer.from(text), opts));
};

const SIZES = [0, 1, 125, 126, 127, 65_535, 65_536, 70_000];
const texts = [...SIZES.map((n) => 'x'.repeat(n)), 'é€😀 "quoted"', '{"op":"data"}'];

let server: WebSocketServer | undefined;
afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = undefined;
});

describe('prebuilt text frames', () => {
  it('are the bytes ws writes for send(text), and carry the text as payload', () => {
    for (const text of texts) {
      expect(textFrame(text).equals(wsFrame(text))).toBe(true);
      expect(framePayload(textFrame(text)).toString('utf8')).toBe(text);
    }
  });

  it('reach a real client intact and in order with replies sent through ws', async () => {
    server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await new Promise((resolve) => server!.once('listening', resolve));
    const accepted = new Promise<WebSocket>((resolve) => server!.once('connection', resolve));
    const { port } = server.address() as AddressInfo;
    const client = new WebSocket(`ws://127.0.0.1:${port}`);
    const received: string[] = [];
    client.on('message', (data: Buffer) => received.push(data.toString('utf8')));
    await new Promise((resolve) => client.once('open', resolve));
    const counters: SessionCounters = { sent: 0, conflated: 0, queued: 0, slowDisconnects: 0 };
    const config = GatewayConfig.of({
      highWaterBytes: 64 * 1024 * 1024,
      maxBufferedBytes: 128 * 1024 * 1024,
    });
    const serverSide = await accepted;
    // Records what reaches the TCP socket, to see that each prebuilt frame is one write.
    const tcp = (serverSide as unknown as { _socket: { write: (...a: unknown[]) => boolean } })
      ._socket;
    const writes: Buffer[] = [];
    const write = tcp.write.bind(tcp);
    tcp.write = (...args: unknown[]) => {
      if (Buffer.isBuffer(args[0])) writes.push(args[0]);
      return write(...args);
    };
    const session = new ClientSession(serverSide, { keyId: 'k', role: 'viewer' }, config, counters);
    const expected: string[] = [];
    for (const text of texts) {
      session.deliver({ text, frame: textFrame(text) });
      session.reply({ op: 'pong', after: text.length });
      expected.push(text, JSON.stringify({ op: 'pong', after: text.length }));
    }
    await expect.poll(() => received.length, { timeout: 5000 }).toBe(expected.length);
    expect(received).toEqual(expected);
    expect(counters.sent).toBe(expected.length);
    for (const text of texts) expect(writes.some((w) => w.equals(textFrame(text)))).toBe(true);
    client.close();
  });
});
