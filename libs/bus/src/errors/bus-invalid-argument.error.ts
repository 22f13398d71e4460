import { BusError } from './bus.error';

/** A caller passed something the bus cannot accept (bad option, oversized record, …). */
export class BusInvalidArgumentError extends BusError {
  readonly code = 'BUS_INVALID_ARGUMENT';

  constructor(message: string) {
    super(message);
  }
}
