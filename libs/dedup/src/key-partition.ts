/**
 * One `exchange:symbol` key of the dedup window: its ids form a FIFO list threaded through the
 * window's ring by sequence number (head = oldest; meaningful while `count > 0`). `index` is -1
 * once the key has been dropped from the window.
 */
export class KeyPartition {
  head = -1;
  tail = -1;
  count = 0;

  constructor(
    readonly exchange: string,
    readonly symbol: string,
    public index: number,
  ) {}
}
