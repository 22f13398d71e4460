import { FeedgateError } from '../errors/feedgate.error';

/** A JSON event that does not satisfy the unified event contract; `field` is a path like `bids[3][0]`. */
export class InvalidEventError extends FeedgateError {
  readonly code = 'INVALID_EVENT';

  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`invalid event field ${field}: ${reason}`);
  }
}
