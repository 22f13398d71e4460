import { FeedgateError } from '@feedgate/core';

/** The persisted admin config could not be read or written. */
export class ConfigStoreError extends FeedgateError {
  readonly code = 'CONFIG_STORE';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message);
    if (options?.cause !== undefined) this.cause = options.cause;
  }
}
