// Binance USDⓈ-M futures WebSocket market streams:
// https://developers.binance.com/docs/derivatives/usds-margined-futures/websocket-market-streams
import type { ExchangeSpec, Subscription } from '../spec/exchange-spec';
import { concatenatedSymbol, fillTopic } from '../spec/exchange-symbols';

const TOPICS = {
  trades: '{lsymbol}@aggTrade',
  book: '{lsymbol}@depth@100ms',
  bbo: '{lsymbol}@bookTicker',
} as const;

const params = (subs: readonly Subscription[]): string[] =>
  subs.map((s) => fillTopic(TOPICS[s.channel], s.nativeSymbol));

export const binanceFuturesSpec: ExchangeSpec = {
  id: 'binance-futures',
  docs: 'https://developers.binance.com/docs/derivatives/usds-margined-futures/websocket-market-streams',
  endpoints: {
    ws: 'wss://fstream.binance.com/stream',
    restSnapshot: 'https://fapi.binance.com/fapi/v1/depth?symbol={symbol}&limit={depth}',
  },
  subscribe: {
    topics: TOPICS,
    subscribeMessage: (subs, id) => ({ method: 'SUBSCRIBE', params: params(subs), id }),
    unsubscribeMessage: (subs, id) => ({ method: 'UNSUBSCRIBE', params: params(subs), id }),
  },
  // Server ping frame every 3 min; no pong within 10 min closes the connection.
  heartbeat: {
    mode: 'server',
    ping: 'frame',
    intervalMs: 180_000,
    pong: 'frame',
    timeoutMs: 600_000,
  },
  limits: { maxTopicsPerConnection: 200, subscribeMessagesPerSecond: 10, maxTopicsPerMessage: 200 },
  // BTCUSDT is the perpetual; BTCUSDT_210625 a quarterly delivery contract.
  symbols: { normalize: (native) => concatenatedSymbol(native, 'perp', 'binance-futures') },
  parser: {
    envelope: { field: 'data', when: 'stream' },
    layouts: [
      'stream,data',
      'e=aggTrade,E,a,s,p,q,f,l,T,m',
      'e=trade,E,T,s,t,p,q,X,m',
      'e=depthUpdate,E,T,s,U,u,pu,b,a',
      'e=bookTicker,u,s,b,B,a,A,T,E',
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
          // pu = the previous event's u: the futures stream chains updates explicitly.
          prevSeq: 'pu',
          ts: { field: 'E', unit: 'ms' },
        },
      },
      {
        name: 'bookTicker',
        when: [{ field: 'e', equals: 'bookTicker' }],
        map: {
          kind: 'bbo',
          symbol: 's',
          bidPrice: 'b',
          bidAmount: 'B',
          askPrice: 'a',
          askAmount: 'A',
          ts: { field: 'E', unit: 'ms' },
        },
      },
      {
        name: 'no unified form yet',
        when: [
          {
            field: 'e',
            equals: [
              'markPriceUpdate',
              'forceOrder',
              'kline',
              'continuous_kline',
              '24hrTicker',
              '24hrMiniTicker',
            ],
          },
        ],
        map: { kind: 'ignore' },
      },
    ],
  },
};
