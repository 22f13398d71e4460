import { BusError } from './bus.error';

/** The broker did not acknowledge a publish; the records may or may not be stored. */
export class BusPublishError extends BusError {
  readonly code = 'BUS_PUBLISH';

  constructor(message: string, cause?: unknown) {
    super(message, cause);
  }
}
