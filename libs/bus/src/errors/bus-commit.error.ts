import { BusError } from './bus.error';

/** An offset commit failed; the records will be redelivered (at-least-once). */
export class BusCommitError extends BusError {
  readonly code = 'BUS_COMMIT';

  constructor(message: string, cause?: unknown) {
    super(message, cause);
  }
}
