import type { BookLevel } from '@feedgate/core';
import { crc32 } from '../checksum/crc32';

/**
 * OKX order-book checksum: the top 25 levels interleaved as `bidPx:bidSz:askPx:askSz:...`
 * (when one side runs out, the other continues alone), CRC-32 as a SIGNED 32-bit integer.
 * Levels must be in book order (bids descending, asks ascending) with the exchange's own
 * text, which Decimal.toString reproduces since parsing keeps the scale.
 * https://www.okx.com/docs-v5/en/#order-book-trading-market-data-ws-order-book-channel
 */
export function okxChecksum(bids: readonly BookLevel[], asks: readonly BookLevel[]): number {
  const parts: string[] = [];
  for (let i = 0; i < 25; i++) {
    if (i < bids.length) parts.push(`${bids[i][0].toString()}:${bids[i][1].toString()}`);
    if (i < asks.length) parts.push(`${asks[i][0].toString()}:${asks[i][1].toString()}`);
  }
  return crc32(parts.join(':')) | 0;
}

/** Generated-parser hook: does the delivered snapshot match the checksum text it carries? */
export function okxChecksumMatches(
  bids: readonly BookLevel[],
  asks: readonly BookLevel[],
  checksum: string,
): boolean {
  return String(okxChecksum(bids, asks)) === checksum;
}
