import { FeedgateError } from '@feedgate/core';

/** An environment variable that is present but not valid: the aggregator refuses to start. */
export class ConfigError extends FeedgateError {
  readonly code = 'CONFIG_INVALID';

  constructor(
    readonly variable: string,
    reason: string,
  ) {
    super(`${variable}: ${reason}`);
  }
}
