import { describe, expect, it } from 'vitest';
import { ActorHarness } from './testing/actor.harness';
import { frames, sub } from './testing/test-protocol';

describe('heartbeats', () => {
  it('sends app pings on schedule; answered pongs keep the connection', () => {
    const h = new ActorHarness([sub('trade', 'AAA')], { books: false });
    h.supervisor.start();
    h.time.advanceTo(20_000);
    const pings = h.socket.connections[0].receivedText.filter((t) => t === '{"op":"ping"}');
    expect(pings).toHaveLength(20);
    expect(h.socket.opened).toBe(1);
    expect(h.metrics.heartbeatTimeouts).toBe(0);
    h.supervisor.stop();
  });

  it('a missing pong fails the connection after the pong timeout even while data flows', () => {
    const h = new ActorHarness([sub('trade', 'AAA')], { books: false });
    h.answerPings = false;
    h.supervisor.start();
    for (let t = 100; t < 6000; t += 100) {
      h.time.advanceTo(t);
      h.socket.connections[0].send(frames.trade('AAA', t));
    }
    // First ping at 1000, timeout 3000, watchdog tick 750 → detected at the tick after 4000.
    const stale = h.status.find((s) => s.state === 'stale');
    expect(stale?.reason).toMatch(/no pong/);
    expect(stale?.ts).toBeGreaterThan(4000);
    expect(stale?.ts).toBeLessThanOrEqual(4750);
    expect(h.metrics.heartbeatTimeouts).toBe(1);
    expect(h.socket.opened).toBe(2);
    h.supervisor.stop();
  });

  it('protocol-level heartbeats: client pings, protocol pongs count as answers', () => {
    const h = new ActorHarness([sub('trade', 'AAA')], {
      books: false,
      heartbeat: { mode: 'protocol', intervalMs: 1000, pongTimeoutMs: 2500 },
    });
    h.supervisor.start();
    for (let t = 1000; t <= 10_000; t += 1000) {
      h.time.advanceTo(t + 1);
      if (t <= 5000) h.socket.connections[0].pong();
    }
    expect(h.socket.connections[0].clientPings).toBeGreaterThanOrEqual(5);
    // Pongs stopped after 5000: the next unanswered ping (6000) times out by 6000+2500+tick.
    expect(h.metrics.heartbeatTimeouts).toBe(1);
    const stale = h.status.find((s) => s.state === 'stale');
    expect(stale?.ts).toBeGreaterThan(8500);
    expect(stale?.ts).toBeLessThanOrEqual(8500 + 625);
    h.supervisor.stop();
  });
});

describe('staleness watchdogs', () => {
  it('a quiet channel on a live connection is flagged stale and re-subscribed, never reconnected', () => {
    const h = new ActorHarness(
      [sub('trade', 'AAA'), sub('trade', 'BBB')],
      { books: false },
      { channelQuietMs: 10_000 },
    );
    h.supervisor.start();
    // BBB trades every 500 ms; AAA is a quiet market. Pings are answered, so frames flow.
    for (let t = 500; t <= 40_000; t += 500) {
      h.time.advanceTo(t);
      h.socket.connections[0].send(frames.trade('BBB', t));
    }
    expect(h.socket.opened).toBe(1);
    expect(h.states.filter((s) => s === 'stale')).toEqual([]);
    const aaa = h.symbolStatus('AAA');
    expect(aaa.map((s) => s.state)).toEqual(['stale']);
    expect(aaa[0].ts).toBeGreaterThanOrEqual(10_000);
    expect(aaa[0].ts).toBeLessThanOrEqual(10_750);
    expect(h.subscribed(0, 'unsub')).toEqual(['trade:AAA']);
    expect(h.subscribed(0).filter((a) => a === 'trade:AAA')).toHaveLength(2);
    expect(h.symbolStatus('BBB')).toEqual([]);
    // Data on AAA again: the channel is reported live.
    h.socket.connections[0].send(frames.trade('AAA', 1));
    expect(h.symbolStatus('AAA').map((s) => s.state)).toEqual(['stale', 'live']);
    h.supervisor.stop();
  });

  it('a dead connection (no frame at all, not even heartbeats) is restarted', () => {
    const h = new ActorHarness(
      [sub('trade', 'AAA')],
      { books: false, heartbeat: { mode: 'server' }, maxSilenceMs: 5000 },
      { channelQuietMs: 60_000 },
    );
    h.supervisor.start();
    h.time.advanceTo(2000);
    h.socket.connections[0].ping(); // server heartbeat: alive at 2000
    h.time.advanceTo(12_000);
    const stale = h.status.find((s) => s.state === 'stale');
    expect(stale?.reason).toMatch(/no frame for/);
    expect(stale?.ts).toBeGreaterThan(7000);
    expect(stale?.ts).toBeLessThanOrEqual(7000 + 1000);
    expect(h.metrics.staleConnections).toBe(1);
    expect(h.socket.opened).toBeGreaterThanOrEqual(2);
    expect(h.subscribed(1)).toEqual(['trade:AAA']);
    h.supervisor.stop();
  });
});

describe('ConnectorSupervisor backoff', () => {
  it('full jitter: delays within [0, min(cap, base·2^n)), forever, then recovery', () => {
    const randoms = [0.999, 0.1, 0.999, 0.5, 0.999, 0.999, 0.999, 0.999, 0.999, 0.999];
    let i = 0;
    const h = new ActorHarness(
      [sub('trade', 'AAA')],
      { books: false },
      {},
      {
        baseMs: 500,
        capMs: 8000,
        random: () => randoms[i++ % randoms.length],
      },
    );
    h.socket.refuse = true;
    h.supervisor.start();
    h.time.advanceTo(60_000);
    const delays = h.supervisor.delays;
    expect(delays.length).toBeGreaterThanOrEqual(10);
    delays.forEach((d, n) => {
      expect(d).toBeGreaterThanOrEqual(0);
      expect(d).toBeLessThan(Math.min(8000, 500 * 2 ** n));
    });
    expect(delays.slice(0, 6)).toEqual([499, 100, 1998, 2000, 7992, 7992]);
    expect(h.states).not.toContain('live');
    h.socket.refuse = false;
    h.time.advanceTo(80_000);
    expect(h.actor.state).toBe('live');
    h.supervisor.stop();
  });

  it('resets the attempt counter after a long enough live session', () => {
    const h = new ActorHarness(
      [sub('trade', 'AAA')],
      { books: false },
      {},
      {
        baseMs: 1000,
        random: () => 0.999,
        resetAfterLiveMs: 30_000,
      },
    );
    h.supervisor.start();
    h.time.advanceTo(1000);
    h.socket.last?.close();
    h.time.advanceTo(3000);
    h.socket.last?.close(); // live only ~1 s: attempt keeps growing
    h.time.advanceTo(60_000);
    h.socket.last?.close(); // live > 30 s: back to attempt 0
    h.time.advanceTo(61_000);
    expect(h.supervisor.delays).toEqual([999, 1998, 999]);
    h.supervisor.stop();
  });
});
