import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { toJsonEvent } from '@feedgate/core';
import type { ExchangeParser } from '@feedgate/exchanges';

/** Prefix marking a binary WebSocket frame, base64-encoded, on an input line. */
const BINARY_PREFIX = 'base64:';

/**
 * `feedgate normalize`: one input line = one frame of ONE connection, in order; one output
 * line per input line — the JSON array of unified events, `[]` for control frames, or
 * `{"error":"…"}` — and it goes on after errors. A contract for checking parsers from outside.
 */
export class NormalizeCommand {
  constructor(
    private readonly parser: ExchangeParser,
    private readonly now: () => number = Date.now,
  ) {}

  /** Output line for one input line. */
  normalizeLine(line: string): string {
    const frame = line.startsWith(BINARY_PREFIX)
      ? Buffer.from(line.slice(BINARY_PREFIX.length), 'base64')
      : line;
    const r = this.parser.parse(frame, this.now());
    if (r.kind === 'events') return JSON.stringify(r.events.map(toJsonEvent));
    if (r.kind === 'control') return '[]';
    return JSON.stringify({ error: r.error.message });
  }

  /** Streams `input` to `output` until the input ends, honouring output backpressure. */
  async run(input: Readable, output: Writable): Promise<void> {
    const lines = createInterface({ input, crlfDelay: Infinity });
    try {
      for await (const line of lines) {
        if (!output.write(this.normalizeLine(line) + '\n')) {
          await new Promise<void>((resolve) => output.once('drain', resolve));
        }
      }
    } finally {
      lines.close();
    }
  }
}
