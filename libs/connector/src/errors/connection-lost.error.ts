import { FeedgateError } from '@feedgate/core';

export type ConnectionLossCause = 'closed' | 'error' | 'stale' | 'heartbeat' | 'refused';

/** A connection session ended; the supervisor turns this into backoff and a reconnect. */
export class ConnectionLostError extends FeedgateError {
  readonly code = 'CONNECTOR_CONNECTION_LOST';

  constructor(
    readonly lossCause: ConnectionLossCause,
    detail: string,
  ) {
    super(`connection lost (${lossCause}): ${detail}`);
  }
}
