import type { BusRecord } from '@feedgate/bus';
import type { Replica } from '@feedgate/codec';

/** A frame the connector could not use (structurally the connector's DeadLetter). */
export interface DeadLetterInput {
  readonly exchange: string;
  readonly connectionId: string;
  readonly raw: string | Uint8Array;
  readonly error: string;
  readonly localTs: number;
}

/** The JSON value of an md.deadletter record (key = exchange). */
export interface DeadLetterJson {
  readonly exchange: string;
  readonly connectionId: string;
  readonly gateId: string;
  readonly replica: Replica;
  /** How the raw frame arrived: a text frame (UTF-8 in `payload`) or binary. */
  readonly encoding: 'text' | 'binary';
  /** The raw frame, base64. */
  readonly payload: string;
  readonly errorCode: DeadLetterCode;
  readonly reason: string;
  /** When the gate received the frame, epoch ms. */
  readonly ts: number;
}

export type DeadLetterCode = 'OVERSIZED_FRAME' | 'EXCHANGE_ERROR' | 'PARSE_ERROR';

/**
 * The connector reports a reason text only; the code is derived from its stable wording
 * (see connector.session.ts) so consumers can group without parsing prose.
 */
export function deadLetterCode(reason: string): DeadLetterCode {
  if (reason.startsWith('frame of ') && reason.includes(' exceeds ')) return 'OVERSIZED_FRAME';
  if (reason.startsWith('exchange error')) return 'EXCHANGE_ERROR';
  return 'PARSE_ERROR';
}

export function deadLetterRecord(
  letter: DeadLetterInput,
  gateId: string,
  replica: Replica,
): BusRecord {
  const text = typeof letter.raw === 'string';
  const bytes = text
    ? Buffer.from(letter.raw as string, 'utf8')
    : Buffer.from(
        (letter.raw as Uint8Array).buffer,
        (letter.raw as Uint8Array).byteOffset,
        (letter.raw as Uint8Array).byteLength,
      );
  const value: DeadLetterJson = {
    exchange: letter.exchange,
    connectionId: letter.connectionId,
    gateId,
    replica,
    encoding: text ? 'text' : 'binary',
    payload: bytes.toString('base64'),
    errorCode: deadLetterCode(letter.error),
    reason: letter.error,
    ts: letter.localTs,
  };
  return { key: letter.exchange, value: Buffer.from(JSON.stringify(value), 'utf8') };
}
