/**
 * Child process of emulator-cpu.bench.ts: the WebSocket clients, kept out of the measured
 * process so only the emulator's own CPU is counted. Per exchange it opens `clients`
 * connections (the load run's gates A and B) subscribed to trades, book and bbo of every
 * symbol with the topics the gate's connectors use, and counts the frames it receives.
 * Protocol over IPC: parent sends {urls, symbols, clients}; child answers {ready} once every
 * subscription is acknowledged, then {frames} on each {count} request.
 */
import WebSocket from 'ws';

export interface ClientsRequest {
  readonly urls: Record<string, { ws: string }>;
  readonly symbols: readonly string[];
  readonly clients: number;
}

const sockets: WebSocket[] = [];
let frames = 0;

function binanceStreams(symbols: readonly string[], trade: string): string {
  const lower = symbols.map((s) => s.replace(/-/g, '').toLowerCase());
  return lower.flatMap((s) => [`${s}@${trade}`, `${s}@depth@100ms`, `${s}@bookTicker`]).join('/');
}

/** The connection URL and subscribe messages of one exchange's client. */
function plan(id: string, base: string, symbols: readonly string[]): [string, unknown[]] {
  const flat = symbols.map((s) => s.replace(/-/g, ''));
  switch (id) {
    case 'binance':
      return [`${base}/stream?streams=${binanceStreams(symbols, 'trade')}`, []];
    case 'binance-futures':
      return [`${base}/stream?streams=${binanceStreams(symbols, 'aggTrade')}`, []];
    case 'okx':
      return [
        `${base}/ws/v5/public`,
        [
          {
            op: 'subscribe',
            args: symbols.flatMap((instId) =>
              ['trades', 'books', 'bbo-tbt'].map((channel) => ({ channel, instId })),
            ),
          },
        ],
      ];
    case 'bybit':
      // Bybit spot takes at most 10 args per message.
      return [
        `${base}/v5/public/spot`,
        flat.map((s) => ({
          op: 'subscribe',
          args: [`publicTrade.${s}`, `orderbook.50.${s}`, `orderbook.1.${s}`],
        })),
      ];
    case 'coinbase':
      return [
        base,
        [{ type: 'subscribe', product_ids: symbols, channels: ['matches', 'level2', 'ticker'] }],
      ];
    case 'kraken': {
      const symbol = symbols.map((s) => s.replace('-', '/'));
      return [
        `${base}/v2`,
        ['trade', 'book', 'ticker'].map((channel) => ({
          method: 'subscribe',
          params: { channel, symbol },
        })),
      ];
    }
    default:
      throw new TypeError(`no client plan for ${id}`);
  }
}

function open(url: string, messages: readonly unknown[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { perMessageDeflate: false, maxPayload: 64 * 1024 * 1024 });
    sockets.push(ws);
    ws.on('message', () => frames++);
    ws.once('error', reject);
    ws.once('open', () => {
      for (const m of messages) ws.send(JSON.stringify(m));
      resolve();
    });
  });
}

async function start(req: ClientsRequest): Promise<void> {
  const opening: Promise<void>[] = [];
  for (const [id, u] of Object.entries(req.urls)) {
    const [url, messages] = plan(id, u.ws, req.symbols);
    for (let i = 0; i < req.clients; i++) opening.push(open(url, messages));
  }
  await Promise.all(opening);
  process.send?.({ ready: true });
}

process.on('message', (msg: { start?: ClientsRequest; count?: boolean; stop?: boolean }) => {
  if (msg.start) {
    start(msg.start).catch((e: unknown) => {
      process.send?.({ error: String(e) });
    });
  } else if (msg.count) {
    process.send?.({ frames });
  } else if (msg.stop) {
    for (const ws of sockets) ws.terminate();
    process.disconnect();
  }
});
