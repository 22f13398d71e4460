import { BusError } from './bus.error';

/**
 * A subscription handler threw. The subscription stops (a bug must not loop on the same
 * batch forever) and the batch stays uncommitted, so the next member of the group gets it.
 */
export class BusHandlerError extends BusError {
  readonly code = 'BUS_HANDLER';

  constructor(
    readonly topic: string,
    readonly partition: number,
    readonly firstOffset: number,
    cause: unknown,
  ) {
    super(
      `handler failed on ${topic}[${partition}]@${firstOffset}: ${cause instanceof Error ? cause.message : String(cause)}`,
      cause,
    );
  }
}
