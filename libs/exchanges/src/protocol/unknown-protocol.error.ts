import { FeedgateError } from '@feedgate/core';

/** No connector protocol adapter exists for the exchange id. */
export class UnknownProtocolError extends FeedgateError {
  readonly code = 'UNKNOWN_PROTOCOL';

  constructor(
    readonly exchange: string,
    known: readonly string[],
  ) {
    super(`no connector protocol for ${exchange} (known: ${known.join(', ')})`);
  }
}
