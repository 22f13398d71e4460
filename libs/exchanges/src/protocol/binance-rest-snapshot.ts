import { Decimal, type BookEvent, type BookLevel } from '@feedgate/core';
import type { ChannelSubscription } from '@feedgate/connector';
import { SnapshotFormatError } from './snapshot-format.error';

/** Bound on levels read per side (Binance serves at most 5000). */
const MAX_LEVELS = 5000;

/**
 * Binance spot / USDⓈ-M depth snapshot `{"lastUpdateId":N,"bids":[["p","q"]],"asks":…}` as a
 * snapshot BookEvent whose seq is `lastUpdateId`, which the `binance` continuity rule
 * stitches to the buffered deltas (`U <= lastUpdateId+1 <= u`).
 */
export function binanceRestSnapshot(
  exchange: string,
  body: unknown,
  sub: ChannelSubscription,
  localTs: number,
): BookEvent {
  const o = body as { lastUpdateId?: unknown; bids?: unknown; asks?: unknown; E?: unknown };
  if (o === null || typeof o !== 'object') throw new SnapshotFormatError(exchange, 'not an object');
  const id = o.lastUpdateId;
  if (typeof id !== 'number' || !Number.isSafeInteger(id)) {
    throw new SnapshotFormatError(exchange, 'lastUpdateId missing');
  }
  return {
    type: 'book',
    exchange,
    symbol: sub.symbol,
    nativeSymbol: sub.nativeSymbol,
    ts: typeof o.E === 'number' ? o.E : localTs,
    localTs,
    snapshot: true,
    bids: levels(exchange, o.bids),
    asks: levels(exchange, o.asks),
    seq: String(id),
    prevSeq: null,
  };
}

function levels(exchange: string, side: unknown): BookLevel[] {
  if (!Array.isArray(side)) throw new SnapshotFormatError(exchange, 'levels missing');
  const out: BookLevel[] = [];
  for (const level of side.slice(0, MAX_LEVELS)) {
    if (!Array.isArray(level) || typeof level[0] !== 'string' || typeof level[1] !== 'string') {
      throw new SnapshotFormatError(exchange, 'level is not ["price","qty"]');
    }
    out.push([Decimal.parse(level[0]), Decimal.parse(level[1])]);
  }
  return out;
}
