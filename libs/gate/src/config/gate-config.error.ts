import { FeedgateError } from '@feedgate/core';

/** An environment variable of the gate that is present but not valid: the gate refuses to start. */
export class GateConfigError extends FeedgateError {
  readonly code = 'GATE_CONFIG_INVALID';

  constructor(
    readonly variable: string,
    reason: string,
  ) {
    super(`${variable}: ${reason}`);
  }
}
