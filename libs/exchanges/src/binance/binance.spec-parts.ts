// Pieces shared by Binance spot and USDⓈ-M futures, which speak the same stream protocol:
// https://developers.binance.com/docs/binance-spot-api-docs/web-socket-streams
import type { ControlRule, RouteSpec, SubscribeSpec, Subscription } from '../spec/exchange-spec';
import { fillTopic } from '../spec/exchange-symbols';

/** SUBSCRIBE / UNSUBSCRIBE with stream names built from the venue's topic templates. */
export function binanceSubscribe(topics: SubscribeSpec['topics']): SubscribeSpec {
  const params = (subs: readonly Subscription[]): string[] =>
    subs.map((s) => fillTopic(topics[s.channel], s.nativeSymbol));
  return {
    topics,
    subscribeMessage: (subs, id) => ({ method: 'SUBSCRIBE', params: params(subs), id }),
    unsubscribeMessage: (subs, id) => ({ method: 'UNSUBSCRIBE', params: params(subs), id }),
  };
}

/** `{"result":null,"id":N}` acknowledges a request; `{"code","msg"}` is an error reply. */
export const BINANCE_CONTROLS: readonly ControlRule[] = [
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
];

/** `trade` (id `t`) and `aggTrade` (id `a`): m = "buyer is the maker", true means the taker sold. */
export const BINANCE_TRADE_ROUTES: readonly RouteSpec[] = (
  [
    ['trade', 't'],
    ['aggTrade', 'a'],
  ] as const
).map(([name, id]) => ({
  name,
  when: [{ field: 'e', equals: name }],
  map: {
    kind: 'trade',
    symbol: 's',
    id,
    price: 'p',
    amount: 'q',
    side: { field: 'm', buy: ['false'], sell: ['true'] },
    ts: { field: 'T', unit: 'ms' },
  },
}));

/**
 * `depthUpdate` deltas with `u` as the sequence. Spot has no previous-id field: the previous
 * sequence is the first id `U` − 1 (prevSeqFromFirst); futures chains updates with `pu`.
 */
export function binanceDepthRoute(
  previous: { prevSeq: string } | { prevSeqFromFirst: string },
): RouteSpec {
  return {
    name: 'depthUpdate',
    when: [{ field: 'e', equals: 'depthUpdate' }],
    map: {
      kind: 'book',
      symbol: 's',
      snapshot: false,
      bids: { field: 'b', price: 0, amount: 1 },
      asks: { field: 'a', price: 0, amount: 1 },
      seq: 'u',
      ...previous,
      ts: { field: 'E', unit: 'ms' },
    },
  };
}
