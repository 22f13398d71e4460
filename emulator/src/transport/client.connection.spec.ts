import { describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { ClientConnection, MAX_BUFFERED_BYTES } from './client.connection';
import { TextFrameBatch } from './text-frame.batch';

/** The parts of a ws WebSocket the connection uses, recording what it is asked to do. */
class FakeSocket {
  readonly OPEN = 1;
  readyState = 1;
  bufferedAmount = 0;
  readonly sent: string[] = [];
  send(text: string): void {
    this.sent.push(text);
  }
  terminate(): void {
    this.readyState = 3;
  }
  ping(): void {}
}

class FakeStream {
  readonly writes: Buffer[] = [];
  write(chunk: Buffer): boolean {
    this.writes.push(chunk);
    return true;
  }
}

const frames = (...texts: string[]): Buffer => {
  const b = new TextFrameBatch();
  for (const t of texts) b.add(t);
  return b.take();
};

const make = (now = 1_000) => {
  const socket = new FakeSocket();
  const stream = new FakeStream();
  const conn = new ClientConnection(
    'x-1',
    'raw',
    socket as unknown as WebSocket,
    stream,
    () => now,
  );
  return { socket, stream, conn };
};

describe('ClientConnection', () => {
  it('sends through ws when not held', () => {
    const { socket, stream, conn } = make();
    expect(conn.send('a')).toBe(true);
    expect(socket.sent).toEqual(['a']);
    expect(stream.writes).toEqual([]);
  });

  it('holds frames (duplicates included) and writes them in order in one write on release', () => {
    const { socket, stream, conn } = make();
    conn.hold();
    conn.send('first');
    conn.duplicateRemaining = 1;
    conn.send('second');
    conn.send('third');
    expect(stream.writes).toEqual([]);
    conn.release();
    expect(socket.sent).toEqual([]);
    expect(stream.writes).toHaveLength(1);
    expect(stream.writes[0].equals(frames('first', 'second', 'second', 'third'))).toBe(true);
    expect(conn.framesSent).toBe(4);
    // Released: back to ws, and a second release writes nothing.
    conn.release();
    conn.send('after');
    expect(stream.writes).toHaveLength(1);
    expect(socket.sent).toEqual(['after']);
  });

  it('writes nothing on release when nothing was held', () => {
    const { stream, conn } = make();
    conn.hold();
    conn.release();
    expect(stream.writes).toEqual([]);
  });

  it('drops held frames when the connection closed during the hold', () => {
    const { stream, conn } = make();
    conn.hold();
    conn.send('a');
    conn.destroy();
    expect(conn.send('b')).toBe(false);
    conn.release();
    expect(stream.writes).toEqual([]);
  });

  it('cuts a client off once its buffer plus the held frames would pass the bound', () => {
    const { socket, stream, conn } = make();
    socket.bufferedAmount = MAX_BUFFERED_BYTES - 1_000;
    conn.hold();
    const big = 'x'.repeat(600);
    // Checked before each frame, like ws's bufferedAmount alone was: at most one frame past it.
    expect(conn.send(big)).toBe(true); // buffered + 0 held: under
    expect(conn.send(big)).toBe(true); // buffered + 604 held: still under
    expect(conn.send(big)).toBe(false); // buffered + 1208 held: past the bound, cut off
    expect(socket.readyState).not.toBe(socket.OPEN);
    conn.release();
    expect(stream.writes).toEqual([]);
  });

  it('a stalled connection neither sends nor holds', () => {
    const { socket, stream, conn } = make(1_000);
    conn.stalledUntil = 2_000;
    conn.hold();
    expect(conn.send('a')).toBe(false);
    conn.release();
    expect(stream.writes).toEqual([]);
    expect(socket.sent).toEqual([]);
    expect(conn.framesSent).toBe(0);
  });
});
