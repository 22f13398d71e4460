/** Base of every typed error feedgate throws on bad input: carries a stable machine-readable code. */
export abstract class FeedgateError extends Error {
  abstract readonly code: string;

  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}
