// OKX v5 public WebSocket: https://www.okx.com/docs-v5/en/#overview-websocket
import { normalizeOkxSymbol } from './okx.symbols';
import type { ExchangeSpec, Subscription } from '../spec/exchange-spec';

const TOPICS = { trades: 'trades', book: 'books', bbo: 'bbo-tbt' } as const;

const args = (subs: readonly Subscription[]): { channel: string; instId: string }[] =>
  subs.map((s) => ({ channel: TOPICS[s.channel], instId: s.nativeSymbol }));

export const okxSpec: ExchangeSpec = {
  id: 'okx',
  docs: 'https://www.okx.com/docs-v5/en/#overview-websocket',
  endpoints: {
    ws: 'wss://ws.okx.com:8443/ws/v5/public',
    restSnapshot: 'https://www.okx.com/api/v5/market/books?instId={symbol}&sz={depth}',
  },
  subscribe: {
    topics: TOPICS,
    subscribeMessage: (subs, id) => ({ id: String(id), op: 'subscribe', args: args(subs) }),
    unsubscribeMessage: (subs, id) => ({ id: String(id), op: 'unsubscribe', args: args(subs) }),
  },
  // Connections silent for 30 s are closed: send the literal `ping`, expect the literal `pong`.
  heartbeat: {
    mode: 'client',
    ping: 'ping',
    intervalMs: 20_000,
    pong: { text: 'pong' },
    timeoutMs: 30_000,
  },
  limits: { maxTopicsPerConnection: 480, subscribeMessagesPerSecond: 3, maxTopicsPerMessage: 100 },
  symbols: { normalize: (native) => normalizeOkxSymbol(native) },
  parser: {
    literals: { pong: 'pong' },
    // `"` after a key: its value is usually a string (a type hint for the direct path)
    layouts: ['arg{channel,instId"},data', 'arg,action,data'],
    controls: [
      { when: [{ field: 'event', equals: 'error' }], control: 'error', detail: 'msg' },
      { when: [{ field: 'event', equals: ['subscribe', 'unsubscribe'] }], control: 'ack' },
      { when: [{ field: 'event', present: true }], control: 'info' },
    ],
    routes: [
      {
        name: 'trades',
        when: [{ field: 'arg.channel', equals: ['trades', 'trades-all'] }],
        map: {
          kind: 'trade',
          items: { field: 'data', array: true, layouts: ['instId",tradeId",px",sz",side",ts"'] },
          symbol: 'instId',
          id: 'tradeId',
          price: 'px',
          amount: 'sz',
          side: { field: 'side', buy: ['buy'], sell: ['sell'] },
          ts: { field: 'ts', unit: 'ms' },
        },
      },
      {
        // Levels are [price, size, deprecated "0", order count]; the checksum covers 25 levels.
        name: 'books',
        when: [{ field: 'arg.channel', equals: ['books', 'books-l2-tbt', 'books50-l2-tbt'] }],
        map: {
          kind: 'book',
          items: { field: 'data', array: true },
          symbol: '$.arg.instId',
          snapshot: { field: '$.action', equals: 'snapshot' },
          bids: { field: 'bids', price: 0, amount: 1 },
          asks: { field: 'asks', price: 0, amount: 1 },
          seq: 'seqId',
          prevSeq: 'prevSeqId',
          checksum: { field: 'checksum', verify: 'okxChecksumMatches' },
          ts: { field: 'ts', unit: 'ms' },
        },
      },
      {
        // books5 pushes the whole top 5 every time: each message is a snapshot.
        name: 'books5',
        when: [{ field: 'arg.channel', equals: 'books5' }],
        map: {
          kind: 'book',
          items: { field: 'data', array: true },
          symbol: '$.arg.instId',
          snapshot: true,
          bids: { field: 'bids', price: 0, amount: 1 },
          asks: { field: 'asks', price: 0, amount: 1 },
          seq: 'seqId',
          prevSeq: 'prevSeqId',
          ts: { field: 'ts', unit: 'ms' },
        },
      },
      {
        name: 'bbo-tbt',
        when: [{ field: 'arg.channel', equals: 'bbo-tbt' }],
        map: {
          kind: 'bbo',
          items: { field: 'data', array: true },
          symbol: '$.arg.instId',
          bidPrice: 'bids.0.0',
          bidAmount: 'bids.0.1',
          askPrice: 'asks.0.0',
          askAmount: 'asks.0.1',
          ts: { field: 'ts', unit: 'ms' },
        },
      },
      {
        name: 'tickers',
        when: [{ field: 'arg.channel', equals: 'tickers' }],
        map: {
          kind: 'bbo',
          items: { field: 'data', array: true },
          symbol: 'instId',
          bidPrice: 'bidPx',
          bidAmount: 'bidSz',
          askPrice: 'askPx',
          askAmount: 'askSz',
          ts: { field: 'ts', unit: 'ms' },
        },
      },
    ],
  },
};
