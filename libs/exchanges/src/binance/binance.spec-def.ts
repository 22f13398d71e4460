// Binance spot WebSocket market streams:
// https://developers.binance.com/docs/binance-spot-api-docs/web-socket-streams
import type { ExchangeSpec, Subscription } from '../spec/exchange-spec';
import { concatenatedSymbol, fillTopic } from '../spec/exchange-symbols';

const TOPICS = {
  trades: '{lsymbol}@trade',
  book: '{lsymbol}@depth@100ms',
  bbo: '{lsymbol}@bookTicker',
} as const;

const params = (subs: readonly Subscription[]): string[] =>
  subs.map((s) => fillTopic(TOPICS[s.channel], s.nativeSymbol));

export const binanceSpec: ExchangeSpec = {
  id: 'binance',
  docs: 'https://developers.binance.com/docs/binance-spot-api-docs/web-socket-streams',
  endpoints: {
    // Combined-stream endpoint: every payload arrives as {"stream":..,"data":..}.
    ws: 'wss://stream.binance.com:9443/stream',
    restSnapshot: 'https://api.binance.com/api/v3/depth?symbol={symbol}&limit={depth}',
  },
  subscribe: {
    topics: TOPICS,
    subscribeMessage: (subs, id) => ({ method: 'SUBSCRIBE', params: params(subs), id }),
    unsubscribeMessage: (subs, id) => ({ method: 'UNSUBSCRIBE', params: params(subs), id }),
  },
  // The server pings with protocol frames every 20 s and drops us after 1 min without a pong.
  heartbeat: {
    mode: 'server',
    ping: 'frame',
    intervalMs: 20_000,
    pong: 'frame',
    timeoutMs: 60_000,
  },
  limits: { maxTopicsPerConnection: 1024, subscribeMessagesPerSecond: 5, maxTopicsPerMessage: 200 },
  symbols: { normalize: (native) => concatenatedSymbol(native, 'spot', 'binance') },
  parser: {
    envelope: { field: 'data', when: 'stream' },
    layouts: [
      'stream,data',
      'e=trade,E,s,t,p,q,b,a,T,m,M',
      'e=trade,E,s,t,p,q,T,m,M',
      'e=aggTrade,E,s,a,p,q,f,l,T,m,M',
      'e=depthUpdate,E,s,U,u,b,a',
      'u,s,b,B,a,A',
    ],
    controls: [
      {
        when: [
          { field: 'result', present: true },
          { field: 'id', present: true },
        ],
        control: 'ack',
      },
      {
        when: [
          { field: 'code', present: true },
          { field: 'msg', present: true },
        ],
        control: 'error',
        detail: 'msg',
      },
    ],
    routes: [
      {
        name: 'trade',
        when: [{ field: 'e', equals: 'trade' }],
        // m = "buyer is the maker": true means the taker sold.
        map: {
          kind: 'trade',
          symbol: 's',
          id: 't',
          price: 'p',
          amount: 'q',
          side: { field: 'm', buy: ['false'], sell: ['true'] },
          ts: { field: 'T', unit: 'ms' },
        },
      },
      {
        name: 'aggTrade',
        when: [{ field: 'e', equals: 'aggTrade' }],
        map: {
          kind: 'trade',
          symbol: 's',
          id: 'a',
          price: 'p',
          amount: 'q',
          side: { field: 'm', buy: ['false'], sell: ['true'] },
          ts: { field: 'T', unit: 'ms' },
        },
      },
      {
        name: 'depthUpdate',
        when: [{ field: 'e', equals: 'depthUpdate' }],
        map: {
          kind: 'book',
          symbol: 's',
          snapshot: false,
          bids: { field: 'b', price: 0, amount: 1 },
          asks: { field: 'a', price: 0, amount: 1 },
          seq: 'u',
          prevSeqFromFirst: 'U',
          ts: { field: 'E', unit: 'ms' },
        },
      },
      {
        // Spot bookTicker has no event type and no timestamp.
        name: 'bookTicker',
        when: [
          { field: 'e', present: false },
          { field: 'u', present: true },
          { field: 'A', present: true },
        ],
        map: {
          kind: 'bbo',
          symbol: 's',
          bidPrice: 'b',
          bidAmount: 'B',
          askPrice: 'a',
          askAmount: 'A',
        },
      },
      {
        name: 'no unified form yet',
        when: [{ field: 'e', equals: ['kline', '24hrTicker', '24hrMiniTicker', 'avgPrice'] }],
        map: { kind: 'ignore' },
      },
    ],
  },
};
