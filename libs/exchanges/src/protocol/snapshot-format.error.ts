import { FeedgateError } from '@feedgate/core';

/** A REST order-book snapshot that does not have the exchange's documented shape. */
export class SnapshotFormatError extends FeedgateError {
  readonly code = 'SNAPSHOT_FORMAT';

  constructor(
    readonly exchange: string,
    reason: string,
  ) {
    super(`${exchange} snapshot: ${reason}`);
  }
}
