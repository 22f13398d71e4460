// Binance USDⓈ-M futures WebSocket market streams:
// https://developers.binance.com/docs/derivatives/usds-margined-futures/websocket-market-streams
import type { ExchangeSpec } from '../spec/exchange-spec';
import { concatenatedSymbol } from '../spec/exchange-symbols';
import {
  BINANCE_CONTROLS,
  BINANCE_TRADE_ROUTES,
  binanceDepthRoute,
  binanceSubscribe,
} from '../binance/binance.spec-parts';

const TOPICS = {
  trades: '{lsymbol}@aggTrade',
  book: '{lsymbol}@depth@100ms',
  bbo: '{lsymbol}@bookTicker',
} as const;

export const binanceFuturesSpec: ExchangeSpec = {
  id: 'binance-futures',
  docs: 'https://developers.binance.com/docs/derivatives/usds-margined-futures/websocket-market-streams',
  endpoints: {
    ws: 'wss://fstream.binance.com/stream',
    restSnapshot: 'https://fapi.binance.com/fapi/v1/depth?symbol={symbol}&limit={depth}',
  },
  subscribe: binanceSubscribe(TOPICS),
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
      'e=aggTrade,E#,a#,s",p",q",f#,l#,T#,m#',
      'e=trade,E#,T#,s",t#,p",q",X",m#',
      'e=depthUpdate,E,T,s,U,u,pu,b,a',
      'e=bookTicker,u#,s",b",B",a",A",T#,E#',
    ],
    controls: BINANCE_CONTROLS,
    routes: [
      ...BINANCE_TRADE_ROUTES,
      binanceDepthRoute({ prevSeq: 'pu' }),
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
