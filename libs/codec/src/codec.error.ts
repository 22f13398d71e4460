import { FeedgateError } from '@feedgate/core';

/**
 * Stable reasons a frame cannot be encoded or decoded. Decode codes describe the first thing
 * found wrong in the bytes; encode codes describe the event or header that cannot be written.
 */
export type CodecErrorCode =
  /** The input ends inside a header, event, string or number. */
  | 'TRUNCATED'
  /** The first bytes are not a feedgate frame. */
  | 'BAD_MAGIC'
  /** A frame format version (or reserved flag) this decoder does not understand. */
  | 'BAD_VERSION'
  /** An event type tag (schema id) this decoder does not know. */
  | 'BAD_TYPE'
  /** A string-table reference that points past the table. */
  | 'BAD_STRING_REF'
  /** A varint longer than any value it may carry. */
  | 'VARINT_TOO_LONG'
  /** A field whose value is impossible (bad enum code, number out of range, bad flags). */
  | 'BAD_VALUE'
  /** A string that is not well-formed UTF-16 (lone surrogate): it could not round-trip. */
  | 'BAD_STRING'
  /** A count or length above FRAME_LIMITS, or above what the remaining bytes can hold. */
  | 'LIMIT_EXCEEDED'
  /** The frame (being written or read) is larger than FRAME_LIMITS.maxFrameBytes. */
  | 'FRAME_TOO_LARGE'
  /** Bytes left over after the last event the header announced. */
  | 'TRAILING_BYTES'
  /** The encoder was given something that is not a unified event (wrong shape at run time). */
  | 'BAD_EVENT'
  /** The encoder was used out of order (add before begin, …). */
  | 'BAD_STATE'
  /** A bug: an unexpected exception inside the codec, wrapped so callers still see a CodecError. */
  | 'INTERNAL';

export class CodecError extends FeedgateError {
  constructor(
    readonly code: CodecErrorCode,
    message: string,
    /** Byte offset in the frame where decoding failed (-1 when encoding or unknown). */
    readonly offset = -1,
    options?: { cause?: unknown },
  ) {
    super(offset >= 0 ? `${message} (at byte ${offset})` : message);
    if (options && 'cause' in options) (this as { cause?: unknown }).cause = options.cause;
  }
}
