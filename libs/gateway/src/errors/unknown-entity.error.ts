import { FeedgateError } from '@feedgate/core';

/** An admin call named a connector, exchange or key that does not exist (→ HTTP 404). */
export class UnknownEntityError extends FeedgateError {
  readonly code = 'UNKNOWN_ENTITY';

  constructor(
    readonly kind: string,
    readonly id: string,
  ) {
    super(`unknown ${kind} ${JSON.stringify(id)}`);
  }
}
