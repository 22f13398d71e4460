import { FeedgateError } from '@feedgate/core';

/** An item reached dedup without a usable event (unknown type, missing id/fields, no key). */
export class DedupInvalidEventError extends FeedgateError {
  readonly code = 'DEDUP_INVALID_EVENT';

  constructor(
    message: string,
    override readonly cause?: unknown,
  ) {
    super(message);
  }
}
