import { FeedgateError } from '../errors/feedgate.error';

/** Text that is not a finite decimal number (JSON number token or decimal string). */
export class DecimalParseError extends FeedgateError {
  readonly code = 'DECIMAL_PARSE';

  constructor(readonly input: string) {
    super(`not a decimal number: ${JSON.stringify(input.length > 64 ? input.slice(0, 64) + '…' : input)}`);
  }
}
