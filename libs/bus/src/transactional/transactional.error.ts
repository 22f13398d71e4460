import { BusError } from '../errors/bus.error';

export type TransactionalErrorCode = 'TXN_FENCED' | 'TXN_STATE' | 'TXN_TAIL';

/** A transactional processor cannot go on: fenced by a newer instance, used wrongly, tail unreadable. */
export class TransactionalError extends BusError {
  constructor(
    readonly code: TransactionalErrorCode,
    message: string,
    cause?: unknown,
  ) {
    super(message, cause);
  }
}
