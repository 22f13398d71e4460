import { FeedgateError } from '../errors/feedgate.error';

/** A value used as an exchange id that is not in the registry. */
export class UnknownExchangeError extends FeedgateError {
  readonly code = 'UNKNOWN_EXCHANGE';

  constructor(readonly exchange: unknown) {
    const shown = typeof exchange === 'string' ? exchange.slice(0, 64) : typeof exchange;
    super(`unknown exchange id: ${JSON.stringify(shown)}`);
  }
}
