import { FeedgateError } from '../errors/feedgate.error';

/** A symbol (or symbol part) that is not in, or cannot be turned into, the normalized form. */
export class InvalidSymbolError extends FeedgateError {
  readonly code = 'INVALID_SYMBOL';

  constructor(
    readonly symbol: string,
    readonly reason: string,
  ) {
    super(`invalid symbol ${JSON.stringify(String(symbol).slice(0, 64))}: ${reason}`);
  }
}
