import { FeedgateError } from '@feedgate/core';

/** Base of every error the bus throws; `cause` keeps the adapter's original error when any. */
export abstract class BusError extends FeedgateError {
  constructor(message: string, cause?: unknown) {
    super(message);
    if (cause !== undefined) this.cause = cause;
  }
}
