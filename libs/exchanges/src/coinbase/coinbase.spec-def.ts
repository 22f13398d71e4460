// Coinbase Exchange WebSocket feed: https://docs.cdp.coinbase.com/exchange/docs/websocket-channels
import type { ExchangeSpec, Subscription } from '../spec/exchange-spec';
import { separatedSymbol } from '../spec/exchange-symbols';

const TOPICS = { trades: 'matches', book: 'level2', bbo: 'ticker' } as const;

const body = (subs: readonly Subscription[]): { product_ids: string[]; channels: string[] } => ({
  product_ids: [...new Set(subs.map((s) => s.nativeSymbol))],
  channels: [...new Set(subs.map((s) => TOPICS[s.channel]))],
});

export const coinbaseSpec: ExchangeSpec = {
  id: 'coinbase',
  docs: 'https://docs.cdp.coinbase.com/exchange/docs/websocket-channels',
  endpoints: {
    ws: 'wss://ws-feed.exchange.coinbase.com',
    restSnapshot: 'https://api.exchange.coinbase.com/products/{symbol}/book?level=2',
  },
  subscribe: {
    topics: TOPICS,
    subscribeMessage: (subs) => ({ type: 'subscribe', ...body(subs) }),
    unsubscribeMessage: (subs) => ({ type: 'unsubscribe', ...body(subs) }),
  },
  // The optional heartbeat channel sends one message per second per product.
  heartbeat: {
    mode: 'server',
    ping: 'frame',
    intervalMs: 1_000,
    pong: { control: 'heartbeat' },
    timeoutMs: 30_000,
  },
  limits: { maxTopicsPerConnection: 100, subscribeMessagesPerSecond: 8, maxTopicsPerMessage: 100 },
  symbols: { normalize: (native) => separatedSymbol(native, '-', 'coinbase') },
  parser: {
    layouts: [
      'type,trade_id#,maker_order_id",taker_order_id",side",size",price",product_id",sequence#,time"',
      'type,product_id,changes,time',
    ],
    controls: [
      { when: [{ field: 'type', equals: 'subscriptions' }], control: 'ack' },
      { when: [{ field: 'type', equals: 'heartbeat' }], control: 'heartbeat' },
      { when: [{ field: 'type', equals: 'error' }], control: 'error', detail: 'message' },
    ],
    routes: [
      {
        // `side` is the MAKER order's side: the taker did the opposite.
        name: 'match',
        when: [{ field: 'type', equals: ['match', 'last_match'] }],
        map: {
          kind: 'trade',
          symbol: 'product_id',
          id: 'trade_id',
          price: 'price',
          amount: 'size',
          side: { field: 'side', buy: ['sell'], sell: ['buy'] },
          ts: { field: 'time', unit: 'iso' },
        },
      },
      {
        // The level2 snapshot has neither a time nor a sequence.
        name: 'snapshot',
        when: [{ field: 'type', equals: 'snapshot' }],
        map: {
          kind: 'book',
          symbol: 'product_id',
          snapshot: true,
          bids: { field: 'bids', price: 0, amount: 1 },
          asks: { field: 'asks', price: 0, amount: 1 },
        },
      },
      {
        name: 'l2update',
        when: [{ field: 'type', equals: 'l2update' }],
        map: {
          kind: 'book',
          symbol: 'product_id',
          snapshot: false,
          sidedLevels: { field: 'changes', side: 0, bid: 'buy', ask: 'sell', price: 1, amount: 2 },
          ts: { field: 'time', unit: 'iso' },
        },
      },
      {
        // best_bid_size/best_ask_size exist only since 2022; older tickers carry amount 0.
        name: 'ticker',
        when: [{ field: 'type', equals: 'ticker' }],
        map: {
          kind: 'bbo',
          symbol: 'product_id',
          bidPrice: 'best_bid',
          bidAmount: 'best_bid_size',
          askPrice: 'best_ask',
          askAmount: 'best_ask_size',
          ts: { field: 'time', unit: 'iso' },
        },
      },
      {
        name: 'full-channel and status messages: no unified form',
        when: [
          { field: 'type', equals: ['received', 'open', 'done', 'change', 'activate', 'status'] },
        ],
        map: { kind: 'ignore' },
      },
    ],
  },
};
