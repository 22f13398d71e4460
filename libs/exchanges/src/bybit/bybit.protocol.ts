import type { ConnectorProtocol } from '@feedgate/connector';
import type { UnifiedEvent } from '@feedgate/core';
import type { ParserOptions } from '../exchange-parser';
import type { ProtocolOptions } from '../protocol/protocol-options';
import { overrideUrl } from '../protocol/protocol-urls';
import { SpecConnectorProtocol } from '../protocol/spec-connector.protocol';
import { BybitParser } from './bybit.parser.generated';
import { bybitSpec } from './bybit.spec-def';

/** Bybit frames start with their topic; the prefix is looked for in this many leading chars. */
const TOPIC_HEAD = 48;

/**
 * Bybit v5 on the connector: WebSocket book snapshot, then deltas whose update id `u` must be
 * the previous one + 1. The endpoint path names the category (`/v5/public/linear`), which the
 * parser needs because the frames do not say it.
 */
export function bybitProtocol(options: ProtocolOptions = {}): ConnectorProtocol {
  const path = new URL(overrideUrl(bybitSpec.endpoints.ws, options.urls?.ws)).pathname;
  const last = path.slice(path.lastIndexOf('/') + 1);
  const category: ParserOptions['category'] =
    last === 'linear' || last === 'inverse' || last === 'option' ? last : 'spot';
  return new SpecConnectorProtocol({
    spec: bybitSpec,
    createParser: () => new BybitParser({ category }),
    options,
    book: { snapshotSource: 'ws', continuity: 'sequential' },
    rewrite: bybitTopOfBookAsBbo,
  });
}

/**
 * Bybit's BBO feed is `orderbook.1.<symbol>` (spot tickers carry no bid/ask). The parser routes
 * every `orderbook.*` topic to a book event; fed to the connector, that one-level snapshot
 * would replace the maintained `orderbook.50` book. So its events become `bbo` events here.
 */
export function bybitTopOfBookAsBbo(
  frame: string | Buffer,
  events: readonly UnifiedEvent[],
): readonly UnifiedEvent[] {
  const head =
    typeof frame === 'string'
      ? frame.slice(0, TOPIC_HEAD)
      : frame.toString('latin1', 0, TOPIC_HEAD);
  if (!head.includes('"orderbook.1.')) return events;
  const out: UnifiedEvent[] = [];
  for (const e of events) {
    if (e.type !== 'book') {
      out.push(e);
      continue;
    }
    const bid = e.bids[0];
    const ask = e.asks[0];
    // A one-sided top (empty book side) has no bid/offer pair to report.
    if (!bid || !ask) continue;
    out.push({
      type: 'bbo',
      exchange: e.exchange,
      symbol: e.symbol,
      nativeSymbol: e.nativeSymbol,
      ts: e.ts,
      localTs: e.localTs,
      bidPrice: bid[0],
      bidAmount: bid[1],
      askPrice: ask[0],
      askAmount: ask[1],
    });
  }
  return out;
}
