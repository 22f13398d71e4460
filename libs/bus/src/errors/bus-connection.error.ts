import { BusError } from './bus.error';

/** The broker could not be reached (connect failed or timed out). */
export class BusConnectionError extends BusError {
  readonly code = 'BUS_CONNECTION';

  constructor(message: string, cause?: unknown) {
    super(message, cause);
  }
}
