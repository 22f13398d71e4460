import WebSocket from 'ws';

/**
 * Test client: connects, records every text frame with its arrival time, the close code and
 * pings, and waits for conditions with a deadline (so a failing test fails, never hangs).
 */
export class WsProbe {
  readonly frames: { text: string; at: number }[] = [];
  readonly pings: number[] = [];
  closeCode: number | undefined;
  readonly ws: WebSocket;

  private constructor(url: string) {
    this.ws = new WebSocket(url, { perMessageDeflate: false, maxPayload: 64 * 1024 * 1024 });
    this.ws.on('message', (data, isBinary) => {
      if (!isBinary) this.frames.push({ text: data.toString(), at: Date.now() });
    });
    this.ws.on('ping', () => this.pings.push(Date.now()));
    this.ws.on('close', (code) => (this.closeCode = code));
    this.ws.on('error', () => undefined);
  }

  static open(url: string): Promise<WsProbe> {
    const p = new WsProbe(url);
    return new Promise((resolve, reject) => {
      p.ws.once('open', () => resolve(p));
      p.ws.once('error', reject);
      p.ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    });
  }

  send(msg: unknown): void {
    this.ws.send(typeof msg === 'string' ? msg : JSON.stringify(msg));
  }

  texts(): string[] {
    return this.frames.map((f) => f.text);
  }

  /** JSON of every frame that parses (malformed frames are skipped). */
  json(): Record<string, unknown>[] {
    const out: Record<string, unknown>[] = [];
    for (const f of this.frames) {
      try {
        out.push(JSON.parse(f.text) as Record<string, unknown>);
      } catch {
        // not JSON: the malformed-frame tests look at texts()
      }
    }
    return out;
  }

  async waitFor(cond: () => boolean, timeoutMs = 5_000, what = 'condition'): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!cond()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await sleep(10);
    }
  }

  close(): void {
    this.ws.terminate();
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
