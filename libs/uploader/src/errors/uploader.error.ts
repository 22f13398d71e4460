import { FeedgateError } from '@feedgate/core';

export type UploaderErrorCode =
  'UPLOADER_BAD_OPTIONS' | 'UPLOADER_CLOSED' | 'UPLOADER_FLUSH_TIMEOUT';

/** Misuse of the uploader (bad options, write after close, shutdown flush past its deadline). */
export class UploaderError extends FeedgateError {
  constructor(
    readonly code: UploaderErrorCode,
    message: string,
  ) {
    super(message);
  }
}
