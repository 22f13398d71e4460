import { FeedgateError } from '@feedgate/core';

/** Bad gateway configuration (env or options): start-up fails with the setting's name. */
export class GatewayConfigError extends FeedgateError {
  readonly code = 'GATEWAY_CONFIG';

  constructor(
    readonly setting: string,
    reason: string,
  ) {
    super(`${setting}: ${reason}`);
  }
}
