// Bybit v5 public WebSocket: https://bybit-exchange.github.io/docs/v5/ws/connect
import type { ExchangeSpec, Subscription } from '../spec/exchange-spec';
import { concatenatedSymbol, fillTopic } from '../spec/exchange-symbols';

// BBO comes from the level-1 book, which Bybit pushes as snapshots.
const TOPICS = {
  trades: 'publicTrade.{symbol}',
  book: 'orderbook.50.{symbol}',
  bbo: 'orderbook.1.{symbol}',
} as const;

const args = (subs: readonly Subscription[]): string[] =>
  subs.map((s) => fillTopic(TOPICS[s.channel], s.nativeSymbol));

export const bybitSpec: ExchangeSpec = {
  id: 'bybit',
  docs: 'https://bybit-exchange.github.io/docs/v5/websocket/public/orderbook',
  endpoints: {
    // One endpoint per category (spot, linear, inverse, option); parsers take `category`.
    ws: 'wss://stream.bybit.com/v5/public/spot',
    restSnapshot:
      'https://api.bybit.com/v5/market/orderbook?category=spot&symbol={symbol}&limit={depth}',
  },
  subscribe: {
    topics: TOPICS,
    subscribeMessage: (subs, id) => ({ req_id: String(id), op: 'subscribe', args: args(subs) }),
    unsubscribeMessage: (subs, id) => ({ req_id: String(id), op: 'unsubscribe', args: args(subs) }),
  },
  heartbeat: {
    mode: 'client',
    ping: '{"op":"ping"}',
    intervalMs: 20_000,
    pong: { control: 'pong' },
    timeoutMs: 60_000,
  },
  // Spot: at most 10 args per subscribe message.
  limits: { maxTopicsPerConnection: 200, subscribeMessagesPerSecond: 10, maxTopicsPerMessage: 10 },
  symbols: {
    // The frames do not say which market they are from: the connection's category does.
    normalize: (native, options) =>
      options.category === 'linear' || options.category === 'inverse'
        ? concatenatedSymbol(native, 'perp', 'bybit')
        : options.category === 'option'
          ? native.toUpperCase()
          : concatenatedSymbol(native, 'spot', 'bybit'),
  },
  parser: {
    layouts: ['topic,ts#,type",data', 'topic,type",ts#,data'],
    controls: [
      { when: [{ field: 'op', equals: 'pong' }], control: 'pong' },
      { when: [{ field: 'ret_msg', equals: 'pong' }], control: 'pong' },
      { when: [{ field: 'success', equals: 'false' }], control: 'error', detail: 'ret_msg' },
      { when: [{ field: 'success', present: true }], control: 'ack' },
    ],
    routes: [
      {
        name: 'publicTrade',
        when: [{ field: 'topic', prefix: 'publicTrade.' }],
        map: {
          kind: 'trade',
          items: { field: 'data', array: true, layouts: ['i",T#,p",v",S",s",BT#'] },
          symbol: 's',
          id: 'i',
          price: 'p',
          amount: 'v',
          side: { field: 'S', buy: ['Buy'], sell: ['Sell'] },
          ts: { field: 'T', unit: 'ms' },
        },
      },
      {
        // u = update id (gap checks; u=1 is a restart snapshot), seq = cross sequence.
        name: 'orderbook',
        when: [{ field: 'topic', prefix: 'orderbook.' }],
        map: {
          kind: 'book',
          items: { field: 'data', array: false },
          symbol: 's',
          snapshot: { field: '$.type', equals: 'snapshot' },
          bids: { field: 'b', price: 0, amount: 1 },
          asks: { field: 'a', price: 0, amount: 1 },
          seq: 'u',
          ts: { field: '$.ts', unit: 'ms' },
        },
      },
      {
        name: 'no unified form yet',
        when: [{ field: 'topic', prefix: 'tickers.' }],
        map: { kind: 'ignore' },
      },
      {
        name: 'no unified form yet',
        when: [{ field: 'topic', prefix: 'kline.' }],
        map: { kind: 'ignore' },
      },
    ],
  },
};
