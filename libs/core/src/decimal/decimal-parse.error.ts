import { FeedgateError } from '../errors/feedgate.error';

/** Text that is not a finite decimal number (JSON number token or decimal string). */
export class DecimalParseError extends FeedgateError {
  readonly code = 'DECIMAL_PARSE';

  /** `reason` is set when the text is well-formed but outside the bounds (digits, exponent). */
  constructor(
    readonly input: string,
    readonly reason?: string,
  ) {
    super(
      `not a decimal number: ${JSON.stringify(input.length > 64 ? input.slice(0, 64) + '…' : input)}` +
        (reason ? ` (${reason})` : ''),
    );
  }
}
