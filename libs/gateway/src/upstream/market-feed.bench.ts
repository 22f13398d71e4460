/**
 * CPU-time microbenchmark of the gateway's upstream path: a fixed md.unified workload
 * (market-feed-bench.workload.ts: 60 instruments, ~30% trades, 40% book deltas, 30% BBOs) fed
 * through MarketFeed.onBatch with 2 ClientSessions subscribed to the trades of every symbol,
 * like the load run. Their sockets are fakes that only count bytes, so the figure is the
 * gateway's own work per event (decode, book state, routing, serialization, framing, session
 * delivery) without the kernel's.
 *
 *   node -r ./tools/register.cjs libs/gateway/src/upstream/market-feed.bench.ts [reps] [events]
 *
 * Prints CPU µs per upstream event and per delivered message for each repetition (after one
 * warm-up repetition), then the median and the spread.
 */
import type { MarketBus } from '@feedgate/bus';
import type { WebSocket } from 'ws';
import { GatewayConfig } from '../config/gateway.config';
import { ClientSession, type SessionCounters } from '../ws/client-session.socket';
import { BENCH_FEED_SYMBOLS, benchFeedBatches } from './market-feed-bench.workload';
import { MarketFeed } from './market-feed.service';

const REPS = Number(process.argv[2] ?? 7);
const EVENTS = Number(process.argv[3] ?? 200_000);
const CLIENTS = 2;

/** A ws stand-in (open, no extension): counts the bytes written to its TCP socket or sent. */
function fakeSocket(): { ws: WebSocket; bytes: () => number } {
  let bytes = 0;
  const raw = {
    destroyed: false,
    cork: () => {},
    uncork: () => {},
    write(frame: Buffer): boolean {
      bytes += frame.length;
      return true;
    },
  };
  const ws = {
    _socket: raw,
    bufferedAmount: 0,
    readyState: 1,
    extensions: '',
    send(data: string | Buffer): void {
      bytes += typeof data === 'string' ? Buffer.byteLength(data) : data.length;
    },
  };
  return { ws: ws as unknown as WebSocket, bytes: () => bytes };
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

async function main(): Promise<void> {
  const batches = benchFeedBatches(EVENTS);
  const config = GatewayConfig.of();
  const feed = new MarketFeed({} as MarketBus, config);
  const counters: SessionCounters = { sent: 0, conflated: 0, queued: 0, slowDisconnects: 0 };
  const sockets = Array.from({ length: CLIENTS }, fakeSocket);
  for (const { ws } of sockets) {
    const session = new ClientSession(ws, { keyId: 'bench', role: 'viewer' }, config, counters);
    for (const symbol of BENCH_FEED_SYMBOLS) feed.subscribe(session, { channel: 'trades', symbol });
  }
  const perEvent: number[] = [];
  const perMessage: number[] = [];
  for (let rep = 0; rep <= REPS; rep++) {
    const sent0 = counters.sent;
    const events0 = feed.stats().eventsIn;
    const cpu0 = process.cpuUsage();
    for (const batch of batches) {
      feed.onBatch(batch);
      await tick(); // lets the sessions' nextTick uncork run, as between bus batches
    }
    const cpu = process.cpuUsage(cpu0);
    const us = cpu.user + cpu.system;
    const events = feed.stats().eventsIn - events0;
    const sent = counters.sent - sent0;
    if (rep === 0) {
      const kb = sockets.reduce((n, s) => n + s.bytes(), 0) / 1024;
      process.stdout.write(`${events} events, ${sent} messages, ${kb.toFixed(0)} KiB (warm-up)\n`);
      continue;
    }
    perEvent.push(us / events);
    perMessage.push(us / sent);
    process.stdout.write(
      `rep ${rep}: ${(us / events).toFixed(3)} µs/event, ${(us / sent).toFixed(3)} µs/message\n`,
    );
  }
  const summary = (xs: number[]): string => {
    const s = [...xs].sort((a, b) => a - b);
    const median = s[Math.floor(s.length / 2)];
    return `median ${median.toFixed(3)} (min ${s[0].toFixed(3)}, max ${s[s.length - 1].toFixed(3)})`;
  };
  process.stdout.write(`CPU µs per upstream event:     ${summary(perEvent)}\n`);
  process.stdout.write(`CPU µs per delivered message:  ${summary(perMessage)}\n`);
}

void main();
