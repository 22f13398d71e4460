import { describe, expect, it } from 'vitest';
import { Decimal } from '@feedgate/core';
import { ActorHarness } from './testing/actor.harness';
import { frames, REST_BASE, sub, testChecksum } from './testing/test-protocol';

/** A fake market: per-symbol sequence counters the REST snapshot reports. */
function restMarket(h: ActorHarness, seqs: Record<string, number>): void {
  h.rest.route(REST_BASE, (url) => ({ seq: seqs[url.slice(REST_BASE.length)], b: [], a: [] }));
}

const snapshotsOf = (h: ActorHarness, s: string) =>
  h.events.filter((e) => e.type === 'book' && e.nativeSymbol === s && e.snapshot).length;

describe('order-book integrity (REST snapshot + buffered deltas)', () => {
  it('buffers deltas during the snapshot fetch and replays only those after it', () => {
    const h = new ActorHarness([sub('book', 'AAA')]);
    const seqs = { AAA: 0 };
    restMarket(h, seqs);
    h.rest.delayMs = 300;
    h.supervisor.start();
    const conn = h.socket.connections[0];
    for (let s = 1; s <= 10; s++) {
      h.time.advanceTo(s * 50);
      seqs.AAA = s;
      conn.send(frames.book('AAA', s, s - 1));
    }
    // The snapshot answered at t=300, before delta 6 went out (seq 5): deltas 1..5 were
    // buffered and dropped as covered, 6..10 applied after it.
    expect(h.bookSeqs('AAA')).toEqual(['5', '6', '7', '8', '9', '10']);
    expect(h.events.find((e) => e.type === 'book')).toMatchObject({ snapshot: true, seq: '5' });
    conn.send(frames.book('AAA', 11, 10));
    expect(h.bookSeqs('AAA').slice(-1)).toEqual(['11']);
    h.supervisor.stop();
  });

  it('a gap resyncs ONLY that symbol, with a status event naming the missing range', () => {
    const h = new ActorHarness([sub('book', 'AAA'), sub('book', 'BBB')]);
    const seqs = { AAA: 100, BBB: 500 };
    restMarket(h, seqs);
    h.supervisor.start();
    h.time.advanceTo(1000);
    const conn = h.socket.connections[0];
    for (let i = 1; i <= 20; i++) {
      seqs.AAA += i === 10 ? 3 : 1; // seq 110 and 111 never sent
      seqs.BBB += 1;
      conn.send(frames.book('AAA', seqs.AAA, null));
      conn.send(frames.book('BBB', seqs.BBB, null));
      h.time.advanceBy(10);
    }
    const gap = h.symbolStatus('AAA').find((s) => s.state === 'gap');
    expect(gap).toMatchObject({
      exchange: 'testex',
      symbol: 'AAA-USD',
      gaps: [{ from: '110', to: '111' }],
    });
    expect(h.symbolStatus('AAA').some((s) => s.state === 'live' && /resynced/.test(s.reason))).toBe(
      true,
    );
    expect(h.rest.requests.filter((u) => u.endsWith('/AAA'))).toHaveLength(2);
    expect(h.rest.requests.filter((u) => u.endsWith('/BBB'))).toHaveLength(1);
    expect(h.symbolStatus('BBB')).toEqual([]);
    expect(h.bookSeqs('BBB')).toEqual(Array.from({ length: 21 }, (_, i) => String(500 + i)));
    // The gap status sits in the event stream between AAA's books; AAA continues after resync.
    expect(h.events.some((e) => e.type === 'status' && e.state === 'gap')).toBe(true);
    expect(h.bookSeqs('AAA').slice(-1)).toEqual([String(seqs.AAA)]);
    expect(h.socket.opened).toBe(1);
    expect(h.metrics.gaps).toBe(1);
    h.supervisor.stop();
  });

  it('overflow policy: a full delta buffer is dropped, counted, and the resync restarts', () => {
    const h = new ActorHarness([sub('book', 'AAA')], {}, { maxBookBuffer: 5 });
    const seqs = { AAA: 0 };
    restMarket(h, seqs);
    h.rest.delayMs = 10_000;
    h.supervisor.start();
    for (let s = 1; s <= 6; s++) {
      seqs.AAA = s;
      h.socket.connections[0].send(frames.book('AAA', s, null));
    }
    expect(h.metrics.bufferOverflows).toBe(1);
    expect(h.symbolStatus('AAA')[0].reason).toMatch(/overflow/);
    expect(h.rest.requests).toHaveLength(2);
    h.time.advanceTo(20_000);
    expect(h.bookSeqs('AAA')).toEqual(['6']);
    h.supervisor.stop();
  });
});

describe('order-book integrity (WS snapshot + checksum)', () => {
  const d = (x: string) => Decimal.parse(x);
  const cs = (bid: string) => testChecksum({ bids: [[d(bid), d('1')]], asks: [] });

  it('a bad checksum flags the delta, resyncs only that symbol by re-subscribing it', () => {
    const h = new ActorHarness([sub('book', 'AAA'), sub('book', 'BBB')], {
      snapshotSource: 'ws',
      checksum: true,
      continuity: 'linked',
    });
    h.supervisor.start();
    h.time.advanceTo(500);
    const conn = h.socket.connections[0];
    for (const s of ['AAA', 'BBB'])
      conn.send(frames.book(s, 1, null, [['10', '1']], [], { snap: true, cs: cs('10') }));
    // Replace the level: 10 removed, 11 added — the checksum the server sends is right for BBB only.
    for (const s of ['AAA', 'BBB']) {
      conn.send(
        frames.book(
          s,
          2,
          1,
          [
            ['10', '0'],
            ['11', '1'],
          ],
          [],
          { cs: s === 'AAA' ? 42 : cs('11') },
        ),
      );
    }
    const resync = h.symbolStatus('AAA').find((s) => s.state === 'resync');
    expect(resync).toMatchObject({ gaps: [{ from: '2', to: '2' }] });
    expect(resync?.reason).toMatch(/checksum/);
    const flagged = h.events.find(
      (e) => e.type === 'book' && e.nativeSymbol === 'AAA' && e.seq === '2',
    );
    expect(flagged).toMatchObject({ checksumValid: false });
    h.time.advanceTo(2000);
    expect(h.subscribed(0, 'unsub')).toEqual(['book:AAA']);
    expect(h.symbolStatus('BBB')).toEqual([]);
    // AAA deltas are withheld until the new snapshot; then it is live again.
    conn.send(frames.book('AAA', 3, 2, [['12', '1']], [], { cs: 1 }));
    expect(h.bookSeqs('AAA')).toEqual(['1', '2']);
    conn.send(frames.book('AAA', 3, null, [['12', '1']], [], { snap: true, cs: cs('12') }));
    conn.send(
      frames.book(
        'AAA',
        4,
        3,
        [
          ['12', '0'],
          ['13', '1'],
        ],
        [],
        { cs: cs('13') },
      ),
    );
    expect(h.bookSeqs('AAA')).toEqual(['1', '2', '3', '4']);
    expect(snapshotsOf(h, 'AAA')).toBe(2);
    expect(h.symbolStatus('AAA').map((s) => s.state)).toEqual(['resync', 'live']);
    expect(h.metrics.checksumFailures).toBe(1);
    expect(h.socket.opened).toBe(1);
    h.supervisor.stop();
  });

  it('after an abrupt close the reconnect resyncs every book from a fresh snapshot', () => {
    const h = new ActorHarness([sub('book', 'AAA')]);
    const seqs = { AAA: 10 };
    restMarket(h, seqs);
    h.supervisor.start();
    h.time.advanceTo(100);
    h.socket.connections[0].send(frames.book('AAA', 11, null));
    h.socket.connections[0].close(1006);
    seqs.AAA = 20; // deltas 12..20 were missed while disconnected
    h.time.advanceTo(2000);
    h.socket.connections[1].send(frames.book('AAA', 21, null));
    expect(h.bookSeqs('AAA')).toEqual(['10', '11', '20', '21']);
    expect(snapshotsOf(h, 'AAA')).toBe(2);
    h.supervisor.stop();
  });
});
