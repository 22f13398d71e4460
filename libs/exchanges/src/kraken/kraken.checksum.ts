import type { BookLevel, Decimal } from '@feedgate/core';
import { crc32 } from '../checksum/crc32';

/** A level value as Kraken feeds it to the checksum: decimal point removed, leading zeros dropped. */
function digits(d: Decimal): string {
  return d.toString().replace('.', '').replace(/^0+/, '');
}

/**
 * Kraken book checksum (WebSocket v1 and v2): the top 10 asks (ascending) then the top 10
 * bids (descending), each as price digits + quantity digits, CRC-32 unsigned. Values must keep
 * the exchange's precision (trailing zeros), which parsing preserves.
 * https://docs.kraken.com/api/docs/guides/spot-ws-book-v2
 */
export function krakenChecksum(bids: readonly BookLevel[], asks: readonly BookLevel[]): number {
  let s = '';
  for (let i = 0; i < 10 && i < asks.length; i++) s += digits(asks[i][0]) + digits(asks[i][1]);
  for (let i = 0; i < 10 && i < bids.length; i++) s += digits(bids[i][0]) + digits(bids[i][1]);
  return crc32(s);
}

/** Generated-parser hook: does the delivered snapshot match the checksum text it carries? */
export function krakenChecksumMatches(
  bids: readonly BookLevel[],
  asks: readonly BookLevel[],
  checksum: string,
): boolean {
  return String(krakenChecksum(bids, asks)) === checksum;
}
