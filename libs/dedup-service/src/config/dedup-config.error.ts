import { FeedgateError } from '@feedgate/core';

/** An environment variable of the dedup service that is present but not valid: it refuses to start. */
export class DedupConfigError extends FeedgateError {
  readonly code = 'DEDUP_APP_CONFIG_INVALID';

  constructor(
    readonly variable: string,
    reason: string,
  ) {
    super(`${variable}: ${reason}`);
  }
}
