import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import * as wsModule from 'ws';
import { WebSocketServer } from 'ws';
import { WsProbe } from '../testing/ws-probe';
import { TextFrameBatch } from './text-frame.batch';

/** ws's own server-side framing of a text message (no mask, no compression). */
const wsFrame = (text: string): Buffer => {
  const { Sender } = wsModule as unknown as {
    Sender: { frame(data: Buffer, o: Record<string, unknown>): Buffer[] };
  };
  const parts = Sender.frame(Buffer.from(text), {
    fin: true,
    opcode: 1,
    mask: false,
    rsv1: false,
    readOnly: false,
  });
  return Buffer.concat(parts);
};

const SIZES = [0, 1, 125, 126, 127, 65_535, 65_536, 70_000];
const texts = (): string[] => [
  ...SIZES.map((n) => 'x'.repeat(n)),
  '{"p":"1.00","s":"€"}', // multi-byte UTF-8: lengths are bytes, not characters
  `${'é'.repeat(63)}`, // 63 characters, 126 bytes: the 16-bit length form
  '😀'.repeat(10),
];

describe('TextFrameBatch', () => {
  let http: Server | undefined;
  afterEach(async () => {
    if (http) await new Promise((r) => http?.close(r));
    http = undefined;
  });

  it('encodes each text exactly as ws frames it, back to back, in order', () => {
    const b = new TextFrameBatch();
    const all = texts();
    for (const t of all) b.add(t);
    expect(b.count).toBe(all.length);
    const expected = Buffer.concat(all.map(wsFrame));
    expect(b.bytes).toBe(expected.length);
    expect(b.take().equals(expected)).toBe(true);
    expect(b.count).toBe(0);
    expect(b.bytes).toBe(0);
  });

  it('header forms: 7-bit, 16-bit and 64-bit lengths, FIN + text opcode, no mask', () => {
    const header = (n: number): number[] => {
      const b = new TextFrameBatch();
      b.add('a'.repeat(n));
      return [...b.take().subarray(0, n <= 125 ? 2 : n <= 65_535 ? 4 : 10)];
    };
    expect(header(125)).toEqual([0x81, 125]);
    expect(header(126)).toEqual([0x81, 126, 0, 126]);
    expect(header(65_536)).toEqual([0x81, 127, 0, 0, 0, 0, 0, 1, 0, 0]);
  });

  it('a WebSocket client reads one written batch as the separate messages', async () => {
    const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
    const batch = new TextFrameBatch();
    const all = texts();
    for (const t of all) batch.add(t);
    http = createServer();
    http.on('upgrade', (req, socket: Duplex, head) => {
      wss.handleUpgrade(req, socket, head, () => {
        socket.write(batch.take());
      });
    });
    await new Promise<void>((r) => http?.listen(0, '127.0.0.1', r));
    const { port } = http.address() as AddressInfo;
    const probe = await WsProbe.open(`ws://127.0.0.1:${port}`);
    try {
      await probe.waitFor(() => probe.frames.length >= all.length, 5_000, 'all frames');
      expect(probe.texts()).toEqual(all);
      expect(probe.closeCode).toBeUndefined();
    } finally {
      probe.close();
      wss.close();
    }
  });
});
