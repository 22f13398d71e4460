import { FeedgateError } from '@feedgate/core';

export type EmulatorErrorCode =
  | 'EMULATOR_BAD_OPTIONS'
  | 'EMULATOR_UNKNOWN_EXCHANGE'
  | 'EMULATOR_UNKNOWN_SYMBOL'
  | 'EMULATOR_BAD_FAULT'
  | 'EMULATOR_BAD_SCENARIO';

/** Bad emulator options or control request; the control API answers it with 400. */
export class EmulatorError extends FeedgateError {
  readonly code: EmulatorErrorCode;

  constructor(code: EmulatorErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}
