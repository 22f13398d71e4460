import { describe, expect, it } from 'vitest';
import { ActorHarness } from './testing/actor.harness';
import { frames, sub } from './testing/test-protocol';

const trades = (n: number) => Array.from({ length: n }, (_, i) => sub('trade', `S${i}`));

describe('ConnectorActor lifecycle', () => {
  it('connects, subscribes in batches at the rate limit, then goes live', () => {
    const h = new ActorHarness(trades(25), { books: false });
    h.supervisor.start();
    h.time.advanceTo(1000);
    expect(h.states.slice(0, 3)).toEqual(['connecting', 'subscribing', 'live']);
    const conn = h.socket.connections[0];
    const subs = conn.receivedText.filter((t) => t.includes('"sub"'));
    expect(subs.map((t) => (JSON.parse(t) as { args: string[] }).args.length)).toEqual([10, 10, 5]);
    // 5 messages/s → 200 ms apart; live only once the last batch went out.
    const live = h.status.find((s) => s.state === 'live');
    expect(live?.ts).toBe(400);
    h.supervisor.stop();
  });

  it('a malformed frame is counted and dead-lettered, and the connection continues', () => {
    const h = new ActorHarness([sub('trade', 'AAA')], { books: false });
    h.supervisor.start();
    h.time.advanceTo(100);
    const conn = h.socket.connections[0];
    conn.send('{"ch":"trade", oops');
    conn.send('{"ch":"nope"}');
    conn.send(frames.trade('AAA', 7));
    expect(h.metrics.malformedFrames).toBe(2);
    expect(h.deadLetters.map((d) => d.raw)).toEqual(['{"ch":"trade", oops', '{"ch":"nope"}']);
    expect(h.deadLetters[0].error).toMatch(/JSON|Expected|Unexpected/);
    expect(h.tradeIds()).toEqual(['7']);
    h.time.advanceTo(10_000);
    expect(h.socket.opened).toBe(1);
    expect(h.actor.state).toBe('live');
    h.supervisor.stop();
  });

  it('abrupt close → backoff, reconnect and resubscribe of every subscription', () => {
    const subs = [sub('trade', 'AAA'), sub('trade', 'BBB'), sub('bbo', 'AAA')];
    const h = new ActorHarness(subs, { books: false });
    h.supervisor.start();
    h.time.advanceTo(1000);
    h.socket.connections[0].close(1006, 'abrupt');
    h.time.advanceTo(1100);
    expect(h.states).toContain('backoff');
    h.time.advanceTo(2000);
    expect(h.socket.opened).toBe(2);
    expect(h.subscribed(1).sort()).toEqual(['bbo:AAA', 'trade:AAA', 'trade:BBB']);
    h.socket.connections[1].send(frames.trade('BBB', 1));
    expect(h.tradeIds('BBB')).toEqual(['1']);
    expect(h.states.slice(-5)).toEqual([
      'backoff',
      'reconnecting',
      'connecting',
      'subscribing',
      'live',
    ]);
    h.supervisor.stop();
  });

  it('stop() tears down socket, timers, snapshot fetches and completes the streams', () => {
    const h = new ActorHarness([sub('book', 'AAA'), sub('trade', 'AAA')]);
    // A slow REST snapshot keeps a fetch in flight when stop() comes.
    h.rest.delayMs = 60_000;
    h.rest.route('http://rest.test/', () => ({ seq: 1, b: [], a: [] }));
    let completed = false;
    h.actor.events$.subscribe({ complete: () => (completed = true) });
    h.supervisor.start();
    h.time.advanceTo(500);
    h.socket.connections[0].close();
    h.time.advanceTo(5000);
    expect(h.socket.opened).toBe(2);
    expect(h.time.pending).toBeGreaterThan(0);
    expect(h.rest.requests).toHaveLength(2);
    h.supervisor.stop();
    expect(h.socket.tornDown).toBe(h.socket.opened);
    expect(h.time.pending).toBe(0);
    expect(completed).toBe(true);
    expect(h.actor.state).toBe('stopped');
    h.time.advanceTo(120_000);
    expect(h.socket.opened).toBe(2);
    expect(h.events).toEqual([]);
  });

  it('stop() during backoff cancels the pending reconnect', () => {
    const h = new ActorHarness([sub('trade', 'AAA')], { books: false });
    h.socket.refuse = true;
    h.supervisor.start();
    h.time.advanceTo(100);
    expect(h.actor.state).toBe('backoff');
    h.supervisor.stop();
    expect(h.time.pending).toBe(0);
    expect(h.socket.refused).toBe(1);
  });
});
