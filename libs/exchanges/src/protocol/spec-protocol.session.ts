import type { ControlFrame, ParseResult, ProtocolSession, SocketData } from '@feedgate/connector';
import type { UnifiedEvent } from '@feedgate/core';
import type { ControlKind, ExchangeParser } from '../exchange-parser';
import { frameChecksum } from './frame-checksum';

const CONTROL_TYPES: Readonly<Record<ControlKind, ControlFrame['type']>> = {
  ack: 'subscribed',
  heartbeat: 'heartbeat',
  pong: 'pong',
  info: 'info',
  error: 'error',
};

export type EventRewrite = (
  frame: string | Buffer,
  events: readonly UnifiedEvent[],
) => readonly UnifiedEvent[];

/**
 * One connection's parse: owns its generated parser instance, so state a protocol keeps
 * across frames (Kraken v1 / Bitfinex channel ids) lives exactly as long as the connection
 * and is never seen by another shard or by the next reconnect.
 */
export class SpecProtocolSession implements ProtocolSession {
  constructor(
    private readonly parser: ExchangeParser,
    /** The exchange puts a `"checksum":<int>` into book frames (OKX, Kraken). */
    private readonly checksumInFrame: boolean,
    /** Adapter-side rewrite of a frame's events (a venue quirk the spec routes too broadly). */
    private readonly rewrite?: EventRewrite,
  ) {}

  parse(frame: SocketData, localTs: number): ParseResult {
    const raw =
      typeof frame === 'string'
        ? frame
        : Buffer.from(frame.buffer, frame.byteOffset, frame.byteLength);
    const result = this.parser.parse(raw, localTs);
    if (result.kind === 'error') return { kind: 'error', error: result.error };
    if (result.kind === 'control') {
      return {
        kind: 'control',
        control: { type: CONTROL_TYPES[result.control], message: result.detail },
      };
    }
    const events = this.rewrite ? this.rewrite(raw, result.events) : result.events;
    if (!this.checksumInFrame || !events.some((e) => e.type === 'book')) {
      return { kind: 'events', events };
    }
    const text = typeof raw === 'string' ? raw : raw.toString('utf8');
    return { kind: 'events', events, checksum: frameChecksum(text) };
  }
}
