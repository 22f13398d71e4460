import { BusError } from './bus.error';

/** A topic administration request (create, delete) failed or did not take effect in time. */
export class BusAdminError extends BusError {
  readonly code = 'BUS_ADMIN';

  constructor(message: string, cause?: unknown) {
    super(message, cause);
  }
}
