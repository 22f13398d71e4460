import type { BookLevel, Decimal } from '@feedgate/core';
import { FrameParseError } from '../frame-parse.error';
import { JsonScanner } from './json-scanner';

/** JsonScanner plus the book-level shapes exchanges use. */
export class JsonLevelScanner extends JsonScanner {
  /** Book levels from an array of arrays: [[price, amount, ...], ...]. */
  levelsAt(at: number, field: string, priceIdx: number, amountIdx: number): BookLevel[] {
    const out: BookLevel[] = [];
    this.pos = this.need(at, field);
    this.enterArray();
    while (this.nextItem()) {
      this.enterArray();
      let price: Decimal | undefined;
      let amount: Decimal | undefined;
      for (let i = 0; this.nextItem(); i++) {
        if (i === priceIdx) price = this.readDecimal();
        else if (i === amountIdx) amount = this.readDecimal();
        else this.skipValue();
      }
      if (price === undefined || amount === undefined) throw this.fail(`short level in ${field}`);
      out.push([price, amount]);
    }
    return out;
  }

  /** Book levels from an array of objects: [{price, qty}, ...]. */
  objectLevelsAt(at: number, field: string, priceKey: string, amountKey: string): BookLevel[] {
    const out: BookLevel[] = [];
    this.pos = this.need(at, field);
    this.enterArray();
    while (this.nextItem()) {
      this.enterObject();
      let price: Decimal | undefined;
      let amount: Decimal | undefined;
      for (let k = this.nextKey(); k !== null; k = this.nextKey()) {
        if (k === priceKey) price = this.readDecimal();
        else if (k === amountKey) amount = this.readDecimal();
        else this.skipValue();
      }
      if (price === undefined || amount === undefined) throw this.fail(`short level in ${field}`);
      out.push([price, amount]);
    }
    return out;
  }

  /** Levels tagged with their side, e.g. Coinbase changes [["buy", price, size], ...]. */
  sidedLevelsAt(
    at: number,
    field: string,
    idx: { side: number; price: number; amount: number; bid: string; ask: string },
    bids: BookLevel[],
    asks: BookLevel[],
  ): void {
    this.pos = this.need(at, field);
    this.enterArray();
    while (this.nextItem()) {
      this.enterArray();
      let side: string | undefined;
      let price: Decimal | undefined;
      let amount: Decimal | undefined;
      for (let i = 0; this.nextItem(); i++) {
        if (i === idx.side) side = this.readScalar();
        else if (i === idx.price) price = this.readDecimal();
        else if (i === idx.amount) amount = this.readDecimal();
        else this.skipValue();
      }
      if (price === undefined || amount === undefined) throw this.fail(`short level in ${field}`);
      if (side === idx.bid) bids.push([price, amount]);
      else if (side === idx.ask) asks.push([price, amount]);
      else
        throw new FrameParseError(
          'BAD_VALUE',
          `unknown level side ${JSON.stringify(side)} in ${field}`,
        );
    }
  }
}
