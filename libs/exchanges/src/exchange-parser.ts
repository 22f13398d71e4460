import type { UnifiedEvent } from '@feedgate/core';
import type { FrameParseError } from './frame-parse.error';

export type ControlKind = 'ack' | 'heartbeat' | 'pong' | 'info' | 'error';

/** What one WebSocket frame produced. */
export type ParseResult =
  | { readonly kind: 'events'; readonly events: readonly UnifiedEvent[] }
  | { readonly kind: 'control'; readonly control: ControlKind; readonly detail?: string }
  | { readonly kind: 'error'; readonly error: FrameParseError };

/**
 * The whole contract between a connection and its exchange's parser (tardis-node style: one
 * mapper per exchange behind a tiny interface). One instance per connection, because some
 * protocols keep state across frames (Kraken v1 channel ids). `parse` never throws.
 */
export interface ExchangeParser {
  readonly exchange: string;
  parse(frame: string | Buffer, localTs: number): ParseResult;
}

/** Per-connection facts a parser cannot read from the frames themselves. */
export interface ParserOptions {
  /** Bybit v5: which public endpoint the connection is on (the frames do not say). */
  readonly category?: 'spot' | 'linear' | 'inverse' | 'option';
}

export type ExchangeParserFactory = (options?: ParserOptions) => ExchangeParser;
