import { FeedgateError } from '@feedgate/core';

/** Why a frame could not be turned into unified events; stable codes for metrics and dead letters. */
export type FrameParseErrorCode =
  | 'EMPTY_FRAME'
  | 'MALFORMED_JSON'
  | 'MISSING_FIELD'
  | 'BAD_NUMBER'
  | 'BAD_TIME'
  | 'BAD_VALUE'
  | 'UNKNOWN_MESSAGE';

/** A frame the parser cannot read. Returned inside a ParseResult; parsers never throw it to callers. */
export class FrameParseError extends FeedgateError {
  readonly code: FrameParseErrorCode;

  constructor(
    code: FrameParseErrorCode,
    readonly reason: string,
  ) {
    super(`${code}: ${reason}`);
    this.code = code;
  }
}
