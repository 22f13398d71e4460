import { FeedgateError } from '../errors/feedgate.error';

/**
 * An arithmetic request Decimal cannot honour exactly: division by zero, an exponent or scale
 * outside the supported range, a non-integer where an integer is required.
 */
export class DecimalArithmeticError extends FeedgateError {
  readonly code = 'DECIMAL_ARITHMETIC';
}
