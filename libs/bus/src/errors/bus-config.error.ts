import { BusError } from './bus.error';

/** A bus setting (from env or code) that is missing, malformed or out of range. */
export class BusConfigError extends BusError {
  readonly code = 'BUS_CONFIG';

  constructor(
    readonly setting: string,
    readonly value: unknown,
    expected: string,
  ) {
    super(`bad bus setting ${setting}=${JSON.stringify(value)}: expected ${expected}`);
  }
}
