import WebSocket from 'ws';
import type { LogLinearHistogram } from './log-linear.histogram';

const TS_KEY = '"ts":';

/**
 * One trader-like WebSocket client of the gateway subscribed to the trades of every symbol.
 * It measures the latency of each data message from its event `ts` (emission time at the
 * emulator) to receipt, without a full JSON.parse (the `ts` field is found by text search) so
 * the probe costs little CPU next to the system it measures.
 */
export class GatewayClient {
  messages = 0;
  subscribed = 0;
  closes = 0;
  lastClose = '';
  private ws: WebSocket | undefined;
  private stopped = false;

  constructor(
    private readonly url: string,
    private readonly symbols: readonly string[],
    private readonly sink: () => readonly LogLinearHistogram[] | undefined,
  ) {}

  /** Resolves when every subscription is acknowledged (or rejects after timeoutMs). */
  connect(timeoutMs = 20_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(this.url, { perMessageDeflate: false });
      this.ws = ws;
      const timer = setTimeout(
        () => reject(new Error(`gateway client: ${this.subscribed} subscriptions acked`)),
        timeoutMs,
      );
      ws.on('open', () => {
        for (const symbol of this.symbols) {
          ws.send(JSON.stringify({ op: 'subscribe', channel: 'trades', symbol }));
        }
      });
      ws.on('message', (raw: WebSocket.RawData) => {
        const text = raw.toString();
        if (text.startsWith('{"op":"data"')) {
          this.onData(text);
        } else if (text.includes('"op":"subscribed"')) {
          if (++this.subscribed === this.symbols.length) {
            clearTimeout(timer);
            resolve();
          }
        }
      });
      ws.on('close', (code, reason) => {
        this.closes++;
        this.lastClose = `${code} ${reason.toString()}`;
        clearTimeout(timer);
        if (this.subscribed < this.symbols.length) reject(new Error(`closed: ${this.lastClose}`));
      });
      ws.on('error', (e) => {
        if (!this.stopped) this.lastClose = String(e);
      });
    });
  }

  close(): void {
    this.stopped = true;
    this.ws?.close();
    this.ws = undefined;
  }

  private onData(text: string): void {
    this.messages++;
    const hists = this.sink();
    if (!hists) return;
    const at = text.indexOf(TS_KEY);
    if (at < 0) return;
    const ts = parseFloat(text.slice(at + TS_KEY.length, at + TS_KEY.length + 24));
    if (!Number.isFinite(ts)) return;
    const latency = performance.timeOrigin + performance.now() - ts;
    for (const h of hists) h.recordMs(latency);
  }
}
