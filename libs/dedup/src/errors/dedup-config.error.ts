import { FeedgateError } from '@feedgate/core';

/** A dedup window or operator option is out of range (e.g. a non-positive window or bound). */
export class DedupConfigError extends FeedgateError {
  readonly code = 'DEDUP_CONFIG';
}
