import type { BboEvent, BookEvent, StatusEvent, TradeEvent } from '@feedgate/core';
import {
  ExchangeConnector,
  FetchRest,
  WsSocket,
  type ChannelKind,
  type ConnectorProtocol,
  type DeadLetter,
  type ExchangeConnectorOptions,
} from '@feedgate/connector';
import type { Subscription } from 'rxjs';

export interface ProbeTrade {
  readonly symbol: string;
  readonly id: number;
  /** Connection epoch (1 = first connection) the trade arrived on. */
  readonly epoch: number;
  /** The unified event as the connector emitted it. */
  readonly event: TradeEvent;
}

/** Price → amount text per side, rebuilt from the book events the connector emitted. */
interface Book {
  bids: Map<string, string>;
  asks: Map<string, string>;
}

const HISTORY = 2000;

/**
 * Runs a real ExchangeConnector (ws socket, fetch REST) and records what came out: trades by
 * connection epoch, status, dead letters, and per symbol the book rebuilt from the emitted
 * events with its state after each sequence number (to compare with the emulator's).
 */
export class ConnectorProbe {
  readonly connector: ExchangeConnector;
  readonly trades: ProbeTrade[] = [];
  readonly status: StatusEvent[] = [];
  readonly deadLetters: DeadLetter[] = [];
  readonly snapshots = new Map<string, number>();
  readonly bookStateAt = new Map<string, Map<string, string>>();
  /** Every book state per symbol in order (bounded), for feeds whose books carry no seq. */
  readonly bookStates = new Map<string, string[]>();
  readonly bbos: BboEvent[] = [];
  epoch = 0;
  private readonly books = new Map<string, Book>();
  private readonly subs: Subscription[] = [];

  constructor(
    protocol: ConnectorProtocol,
    symbols: readonly { symbol: string; nativeSymbol: string }[],
    channels: readonly ChannelKind[],
    extra: Partial<ExchangeConnectorOptions> = {},
  ) {
    this.connector = new ExchangeConnector({
      protocol,
      socket: new WsSocket(),
      rest: new FetchRest(5000),
      subscriptions: symbols.flatMap((s) => channels.map((channel) => ({ channel, ...s }))),
      supervisor: { baseMs: 50, capMs: 400 },
      snapshotRetryMs: 100,
      connectTimeoutMs: 3000,
      ...extra,
    });
    this.subs.push(
      this.connector.status$.subscribe((s) => {
        if (s.symbol === '*' && s.state === 'connecting') this.epoch += 1;
        this.status.push(s);
      }),
      this.connector.events$.subscribe((e) => {
        if (e.type === 'trade') this.onTrade(e);
        else if (e.type === 'book') this.onBook(e);
        else if (e.type === 'bbo') this.bbos.push(e);
      }),
      this.connector.deadLetters$.subscribe((d) => this.deadLetters.push(d)),
    );
  }

  start(): this {
    this.connector.start();
    return this;
  }

  stop(): void {
    this.connector.stop();
    for (const s of this.subs) s.unsubscribe();
  }

  tradeIds(symbol: string, epoch?: number): number[] {
    return this.trades
      .filter((t) => t.symbol === symbol && (epoch === undefined || t.epoch === epoch))
      .map((t) => t.id);
  }

  /** Serialized book of `symbol` right after sequence `seq` was applied, if recorded. */
  bookAt(symbol: string, seq: string): string | undefined {
    return this.bookStateAt.get(symbol)?.get(seq);
  }

  /** Whether `symbol`'s rebuilt book was ever in exactly the `serialized` state (recently). */
  hadBook(symbol: string, serialized: string): boolean {
    return this.bookStates.get(symbol)?.includes(serialized) ?? false;
  }

  private onTrade(e: TradeEvent): void {
    this.trades.push({ symbol: e.symbol, id: Number(e.id), epoch: this.epoch, event: e });
  }

  private onBook(e: BookEvent): void {
    let book = this.books.get(e.symbol);
    if (!book || e.snapshot) {
      book = { bids: new Map(), asks: new Map() };
      this.books.set(e.symbol, book);
    }
    if (e.snapshot) this.snapshots.set(e.symbol, (this.snapshots.get(e.symbol) ?? 0) + 1);
    for (const [p, a] of e.bids) setLevel(book.bids, p.toString(), a.toString());
    for (const [p, a] of e.asks) setLevel(book.asks, p.toString(), a.toString());
    const text = serializeBook(book);
    let states = this.bookStates.get(e.symbol);
    if (!states) this.bookStates.set(e.symbol, (states = []));
    states.push(text);
    if (states.length > HISTORY) states.shift();
    if (e.seq === null) return;
    let history = this.bookStateAt.get(e.symbol);
    if (!history) this.bookStateAt.set(e.symbol, (history = new Map()));
    history.set(e.seq, text);
    if (history.size > HISTORY) history.delete(history.keys().next().value as string);
  }
}

function setLevel(side: Map<string, string>, price: string, amount: string): void {
  if (Number(amount) === 0) side.delete(price);
  else side.set(price, amount);
}

/** Canonical text of a book: bids descending, asks ascending, `price:amount` with numbers normalized. */
type Levels = Map<string, string> | readonly (readonly string[])[];

export function serializeBook(book: { bids: Levels; asks: Levels }): string {
  const side = (levels: Levels, desc: boolean): string =>
    [...levels]
      .filter(([, a]) => Number(a) !== 0)
      .map(([p, a]) => [Number(p), Number(a)] as const)
      .sort((x, y) => (desc ? y[0] - x[0] : x[0] - y[0]))
      .map(([p, a]) => `${p}:${a}`)
      .join(',');
  return `bids ${side(book.bids, true)} | asks ${side(book.asks, false)}`;
}

/** Polls until `check` holds; fails with `label` after `timeoutMs` (tests never hang). */
export async function until(check: () => boolean, timeoutMs: number, label: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${label}`);
    await sleep(20);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
