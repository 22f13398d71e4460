import { crc32 } from 'node:zlib';
import { Decimal, type BookEvent, type BookLevel, type UnifiedEvent } from '@feedgate/core';
import type { SocketData } from '../ports/socket.port';
import type { BookRules, BookView, ContinuityRule } from '../protocol/book-rules';
import type { ChannelSubscription } from '../protocol/channel-subscription';
import type {
  ConnectionLimits,
  ConnectorProtocol,
  HeartbeatRules,
  ParseResult,
} from '../protocol/connector-protocol';

/**
 * A tiny JSON exchange for the connector's tests (not a real venue):
 *   client → {"op":"sub"|"unsub","args":["trade:AAA","book:AAA"]}, {"op":"ping"}
 *   server → {"op":"pong"}, {"op":"ack"}, {"op":"error","msg":".."},
 *            {"ch":"trade","s":"AAA","id":"1","p":"1.5","q":"2","ts":1},
 *            {"ch":"book","s":"AAA","snap":false,"seq":5,"prev":4,"b":[["1","2"]],"a":[],"cs":123}
 * REST snapshot: GET http://rest.test/book/AAA → {"seq":5,"b":[...],"a":[...]}.
 */
export interface TestProtocolOptions {
  readonly limits?: Partial<ConnectionLimits>;
  readonly heartbeat?: HeartbeatRules;
  readonly maxSilenceMs?: number;
  readonly snapshotSource?: 'rest' | 'ws';
  readonly continuity?: ContinuityRule;
  readonly checksum?: boolean;
  readonly books?: boolean;
}

export const TEST_EXCHANGE = 'testex';
export const REST_BASE = 'http://rest.test/book/';

export function sub(channel: ChannelSubscription['channel'], native: string): ChannelSubscription {
  return { channel, nativeSymbol: native, symbol: `${native}-USD` };
}

/** The checksum the fake server and the protocol agree on: CRC32 of "p:a" pairs, top 5. */
export function testChecksum(view: BookView): number {
  const parts: string[] = [];
  for (let i = 0; i < 5; i++) {
    const b = view.bids[i];
    const a = view.asks[i];
    if (b) parts.push(`${b[0].toString()}:${b[1].toString()}`);
    if (a) parts.push(`${a[0].toString()}:${a[1].toString()}`);
  }
  return crc32(parts.join('|'));
}

export function createTestProtocol(options: TestProtocolOptions = {}): ConnectorProtocol {
  const book: BookRules = {
    snapshotSource: options.snapshotSource ?? 'rest',
    snapshotUrl: (s) => REST_BASE + s.nativeSymbol,
    parseSnapshot: (body, s, localTs) =>
      parseBook({ ...(body as object), snap: true, s: s.nativeSymbol }, localTs),
    continuity: options.continuity ?? 'sequential',
    checksum: options.checksum ? testChecksum : undefined,
    checksumDepth: 5,
  };
  return {
    exchange: TEST_EXCHANGE,
    url: (shard) => `mem://testex/${shard}`,
    limits: {
      maxSubscriptionsPerConnection: 50,
      subscribeMessagesPerSecond: 5,
      maxSubscriptionsPerMessage: 10,
      ...options.limits,
    },
    buildSubscribe: (batch) => wire('sub', batch),
    buildUnsubscribe: (batch) => wire('unsub', batch),
    heartbeat: options.heartbeat ?? {
      mode: 'app',
      intervalMs: 1000,
      pongTimeoutMs: 3000,
      message: () => '{"op":"ping"}',
    },
    maxSilenceMs: options.maxSilenceMs ?? 5000,
    createSession: () => ({ parse }),
    book: options.books === false ? undefined : book,
  };
}

function wire(op: string, batch: readonly ChannelSubscription[]): string {
  return JSON.stringify({ op, args: batch.map((s) => `${s.channel}:${s.nativeSymbol}`) });
}

function parse(frame: SocketData, localTs: number): ParseResult {
  let msg: Record<string, unknown>;
  try {
    const text = typeof frame === 'string' ? frame : Buffer.from(frame).toString('utf8');
    msg = JSON.parse(text) as Record<string, unknown>;
  } catch (err) {
    return { kind: 'error', error: err as Error };
  }
  if (msg.op === 'pong') return { kind: 'control', control: { type: 'pong' } };
  if (msg.op === 'ack') return { kind: 'control', control: { type: 'subscribed' } };
  if (msg.op === 'error')
    return { kind: 'control', control: { type: 'error', message: String(msg.msg) } };
  if (msg.ch === 'trade') {
    const ev: UnifiedEvent = {
      type: 'trade',
      exchange: TEST_EXCHANGE,
      symbol: `${String(msg.s)}-USD`,
      nativeSymbol: String(msg.s),
      ts: Number(msg.ts ?? 0),
      localTs,
      id: String(msg.id),
      price: Decimal.parse(String(msg.p)),
      amount: Decimal.parse(String(msg.q)),
      side: 'buy',
    };
    return { kind: 'events', events: [ev] };
  }
  if (msg.ch === 'book') {
    const cs = typeof msg.cs === 'number' ? msg.cs : undefined;
    return { kind: 'events', events: [parseBook(msg, localTs)], checksum: cs };
  }
  return { kind: 'error', error: new Error('unknown message') };
}

function parseBook(msg: Record<string, unknown>, localTs: number): BookEvent {
  const levels = (x: unknown): BookLevel[] =>
    ((x as string[][] | undefined) ?? []).map(([p, a]) => [Decimal.parse(p), Decimal.parse(a)]);
  return {
    type: 'book',
    exchange: TEST_EXCHANGE,
    symbol: `${String(msg.s)}-USD`,
    nativeSymbol: String(msg.s),
    ts: Number(msg.ts ?? 0),
    localTs,
    snapshot: msg.snap === true,
    bids: levels(msg.b),
    asks: levels(msg.a),
    seq: msg.seq === undefined ? null : String(msg.seq),
    prevSeq: msg.prev === undefined ? null : String(msg.prev),
  };
}

/** Frame builders for the fake server. */
export const frames = {
  trade: (s: string, id: number | string, p = '100', q = '1'): string =>
    JSON.stringify({ ch: 'trade', s, id: String(id), p, q, ts: 1 }),
  book: (
    s: string,
    seq: number,
    prev: number | null,
    b: string[][] = [],
    a: string[][] = [],
    extra: Record<string, unknown> = {},
  ): string =>
    JSON.stringify({ ch: 'book', s, snap: false, seq, prev: prev ?? undefined, b, a, ...extra }),
  pong: (): string => '{"op":"pong"}',
};
