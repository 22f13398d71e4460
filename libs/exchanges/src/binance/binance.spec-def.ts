// Binance spot WebSocket market streams:
// https://developers.binance.com/docs/binance-spot-api-docs/web-socket-streams
import type { ExchangeSpec } from '../spec/exchange-spec';
import { concatenatedSymbol } from '../spec/exchange-symbols';
import {
  BINANCE_CONTROLS,
  BINANCE_TRADE_ROUTES,
  binanceDepthRoute,
  binanceSubscribe,
} from './binance.spec-parts';

const TOPICS = {
  trades: '{lsymbol}@trade',
  book: '{lsymbol}@depth@100ms',
  bbo: '{lsymbol}@bookTicker',
} as const;

export const binanceSpec: ExchangeSpec = {
  id: 'binance',
  docs: 'https://developers.binance.com/docs/binance-spot-api-docs/web-socket-streams',
  endpoints: {
    // Combined-stream endpoint: every payload arrives as {"stream":..,"data":..}.
    ws: 'wss://stream.binance.com:9443/stream',
    restSnapshot: 'https://api.binance.com/api/v3/depth?symbol={symbol}&limit={depth}',
  },
  subscribe: binanceSubscribe(TOPICS),
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
      'e=trade,E#,s",t#,p",q",b#,a#,T#,m#,M#',
      'e=trade,E#,s",t#,p",q",T#,m#,M#',
      'e=aggTrade,E#,s",a#,p",q",f#,l#,T#,m#,M#',
      'e=depthUpdate,E,s,U,u,b,a',
      'u#,s",b",B",a",A"',
    ],
    controls: BINANCE_CONTROLS,
    routes: [
      ...BINANCE_TRADE_ROUTES,
      binanceDepthRoute({ prevSeqFromFirst: 'U' }),
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
