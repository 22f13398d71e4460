import { BusError } from './bus.error';

/** The consumer itself failed (broker unreachable, group join timed out, crash). */
export class BusConsumerError extends BusError {
  readonly code = 'BUS_CONSUMER';

  constructor(message: string, cause?: unknown) {
    super(message, cause);
  }
}
