/**
 * Frozen copy (benchmark only): one `exchange:symbol` key of BaselineDedupWindow, its ids a FIFO
 * list threaded through the ring by slot (head = oldest); `index` is -1 once the key is dropped.
 */
export class BaselineKeyPartition {
  head = -1;
  tail = -1;
  count = 0;

  constructor(
    readonly exchange: string,
    readonly symbol: string,
    public index: number,
  ) {}
}
