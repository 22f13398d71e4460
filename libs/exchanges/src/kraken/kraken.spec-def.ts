// Kraken spot WebSocket v2 (https://docs.kraken.com/api/docs/websocket-v2/trade) and the
// frozen v1 array frames (https://docs.kraken.com/api/docs/websocket-v1/trade), see kraken.hooks.ts.
import type { ExchangeSpec, Subscription } from '../spec/exchange-spec';
import { separatedSymbol } from '../spec/exchange-symbols';

const TOPICS = { trades: 'trade', book: 'book', bbo: 'ticker' } as const;

const params = (
  subs: readonly Subscription[],
): { channel: string; symbol: string[]; snapshot: boolean }[] =>
  (['trades', 'book', 'bbo'] as const)
    .map((ch) => ({
      channel: TOPICS[ch],
      symbol: subs.filter((s) => s.channel === ch).map((s) => s.nativeSymbol),
      snapshot: true,
    }))
    .filter((p) => p.symbol.length > 0);

export const krakenSpec: ExchangeSpec = {
  id: 'kraken',
  docs: 'https://docs.kraken.com/api/docs/websocket-v2/book',
  endpoints: {
    ws: 'wss://ws.kraken.com/v2',
    restSnapshot: 'https://api.kraken.com/0/public/Depth?pair={symbol}&count={depth}',
  },
  subscribe: {
    topics: TOPICS,
    // v2 takes one channel per request; connectors send one message per entry.
    subscribeMessage: (subs, id) =>
      params(subs).map((p) => ({ method: 'subscribe', params: p, req_id: id })),
    unsubscribeMessage: (subs, id) =>
      params(subs).map((p) => ({ method: 'unsubscribe', params: p, req_id: id })),
  },
  heartbeat: {
    mode: 'server',
    ping: '{"method":"ping"}',
    intervalMs: 1_000,
    pong: { control: 'heartbeat' },
    timeoutMs: 10_000,
  },
  limits: { maxTopicsPerConnection: 500, subscribeMessagesPerSecond: 5, maxTopicsPerMessage: 100 },
  // v1 uses XBT/XDG; the alias table maps them to BTC/DOGE.
  symbols: { normalize: (native) => separatedSymbol(native, '/', 'kraken') },
  parser: {
    arrayHook: 'krakenV1ArrayFrame',
    controls: [
      // v1 events
      { when: [{ field: 'event', equals: 'heartbeat' }], control: 'heartbeat' },
      { when: [{ field: 'event', equals: 'pong' }], control: 'pong' },
      { when: [{ field: 'event', equals: 'systemStatus' }], control: 'info' },
      {
        when: [
          { field: 'event', equals: 'subscriptionStatus' },
          { field: 'status', equals: 'error' },
        ],
        control: 'error',
        detail: 'errorMessage',
      },
      { when: [{ field: 'event', equals: 'subscriptionStatus' }], control: 'ack' },
      { when: [{ field: 'event', equals: 'error' }], control: 'error', detail: 'errorMessage' },
      // v2 methods and channels
      { when: [{ field: 'method', equals: 'pong' }], control: 'pong' },
      {
        when: [
          { field: 'method', present: true },
          { field: 'success', equals: 'false' },
        ],
        control: 'error',
        detail: 'error',
      },
      { when: [{ field: 'method', present: true }], control: 'ack' },
      { when: [{ field: 'channel', equals: 'heartbeat' }], control: 'heartbeat' },
      { when: [{ field: 'channel', equals: 'status' }], control: 'info' },
    ],
    routes: [
      {
        name: 'trade (v2)',
        when: [{ field: 'channel', equals: 'trade' }],
        map: {
          kind: 'trade',
          items: { field: 'data', array: true },
          symbol: 'symbol',
          id: 'trade_id',
          price: 'price',
          amount: 'qty',
          side: { field: 'side', buy: ['buy'], sell: ['sell'] },
          ts: { field: 'timestamp', unit: 'iso' },
        },
      },
      {
        name: 'book (v2)',
        when: [{ field: 'channel', equals: 'book' }],
        map: {
          kind: 'book',
          items: { field: 'data', array: true },
          symbol: 'symbol',
          snapshot: { field: '$.type', equals: 'snapshot' },
          bids: { field: 'bids', price: 'price', amount: 'qty' },
          asks: { field: 'asks', price: 'price', amount: 'qty' },
          checksum: { field: 'checksum', verify: 'krakenChecksumMatches' },
          ts: { field: 'timestamp', unit: 'iso' },
        },
      },
      {
        name: 'ticker (v2)',
        when: [{ field: 'channel', equals: 'ticker' }],
        map: {
          kind: 'bbo',
          items: { field: 'data', array: true },
          symbol: 'symbol',
          bidPrice: 'bid',
          bidAmount: 'bid_qty',
          askPrice: 'ask',
          askAmount: 'ask_qty',
          ts: { field: 'timestamp', unit: 'iso' },
        },
      },
      {
        name: 'ohlc/instrument (v2): no unified form',
        when: [{ field: 'channel', equals: ['ohlc', 'instrument'] }],
        map: { kind: 'ignore' },
      },
    ],
  },
};
