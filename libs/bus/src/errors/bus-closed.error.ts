import { BusError } from './bus.error';

/** The bus or subscription was closed: nothing was published or committed. */
export class BusClosedError extends BusError {
  readonly code = 'BUS_CLOSED';

  constructor(what: string) {
    super(`${what} is closed`);
  }
}
