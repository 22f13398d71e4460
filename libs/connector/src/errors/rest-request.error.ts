import { FeedgateError } from '@feedgate/core';

/** A REST snapshot request failed (HTTP status, network, or a body that is not JSON). */
export class RestRequestError extends FeedgateError {
  readonly code = 'CONNECTOR_REST_REQUEST_FAILED';

  constructor(
    readonly url: string,
    detail: string,
  ) {
    super(`GET ${url} failed: ${detail}`);
  }
}
