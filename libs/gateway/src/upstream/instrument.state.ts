import type { BboEvent, BookEvent, TradeEvent } from '@feedgate/core';
import type { BookState } from './book-state';
import { bboText, messageHead } from './data-message.writer';
import { matchingKeys } from './market-channel';
import { RouteSlot } from './route.table';

/** A maintained book and the renderer of its snapshot message (resync and initial state). */
export interface BookEntry {
  readonly state: BookState;
  readonly resync: () => string;
}

type HeadChannel = 'trades' | 'bbo' | 'book';

/**
 * What MarketFeed keeps per (exchange, symbol) so that an event of it costs no string
 * building: its routes per channel (cached subscriber lists), its conflation keys, the message
 * heads up to `"ts":` and the state a new subscriber starts from (latest BBO, maintained book).
 */
export class InstrumentState {
  /** `exchange|symbol`, the key of MarketFeed's initial-state maps. */
  readonly key: string;
  readonly bboKey: string;
  readonly bookKey: string;
  readonly tradesRoute: RouteSlot;
  readonly bboRoute: RouteSlot;
  readonly bookRoute: RouteSlot;
  book: BookEntry | undefined;
  private bbo: BboEvent | undefined;
  /** The latest BBO's message, rendered on first use: most BBOs have no subscriber. */
  private bboMessage: string | undefined;
  private nativeSymbol: string | undefined;
  private heads: Partial<Record<HeadChannel, string>> = {};

  constructor(
    readonly exchange: string,
    readonly symbol: string,
  ) {
    this.key = `${exchange}|${symbol}`;
    this.bboKey = `bbo|${this.key}`;
    this.bookKey = `book|${this.key}`;
    this.tradesRoute = new RouteSlot(matchingKeys('trades', symbol, exchange));
    this.bboRoute = new RouteSlot(matchingKeys('bbo', symbol, exchange));
    this.bookRoute = new RouteSlot(matchingKeys('book', symbol, exchange));
  }

  get hasBbo(): boolean {
    return this.bbo !== undefined;
  }

  /** messageHead(channel, e), rendered once per channel while the native symbol stays. */
  head(channel: HeadChannel, e: TradeEvent | BboEvent | BookEvent): string {
    if (e.nativeSymbol !== this.nativeSymbol) {
      this.nativeSymbol = e.nativeSymbol;
      this.heads = {};
    }
    return (this.heads[channel] ??= messageHead(channel, e));
  }

  setBbo(e: BboEvent): void {
    this.bbo = e;
    this.bboMessage = undefined;
  }

  /** The latest BBO's data message (the exact text a fan-out of it sent or would send). */
  bboText(): string {
    const e = this.bbo;
    if (e === undefined) throw new RangeError(`no BBO yet for ${this.key}`);
    return (this.bboMessage ??= bboText(this.head('bbo', e), e));
  }
}
