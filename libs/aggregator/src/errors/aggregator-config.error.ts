import { FeedgateError } from '@feedgate/core';

/** An aggregator option is out of range; thrown once, when the options are resolved. */
export class AggregatorConfigError extends FeedgateError {
  readonly code = 'AGGREGATOR_CONFIG';
}
