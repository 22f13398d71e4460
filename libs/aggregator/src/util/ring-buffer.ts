/**
 * Bounded FIFO deque over a growable circular array. Sliding windows (VWAP, wash trades) push at
 * the back and expire from the front; `capacity` is the hard bound, so a burst can never grow
 * memory without limit — `push` on a full buffer evicts (and returns) the oldest item.
 */
export class RingBuffer<T> {
  private items: (T | undefined)[];
  private head = 0;
  private count = 0;

  constructor(
    readonly capacity: number,
    initial = 16,
  ) {
    this.items = new Array<T | undefined>(Math.max(1, Math.min(capacity, initial)));
  }

  get size(): number {
    return this.count;
  }

  /** Appends; returns the evicted oldest item when the buffer was at capacity. */
  push(item: T): T | undefined {
    let evicted: T | undefined;
    if (this.count === this.capacity) evicted = this.shift();
    if (this.count === this.items.length) this.grow();
    this.items[(this.head + this.count) % this.items.length] = item;
    this.count++;
    return evicted;
  }

  peekFront(): T | undefined {
    return this.count === 0 ? undefined : this.items[this.head];
  }

  peekBack(): T | undefined {
    return this.count === 0
      ? undefined
      : this.items[(this.head + this.count - 1) % this.items.length];
  }

  shift(): T | undefined {
    if (this.count === 0) return undefined;
    const item = this.items[this.head];
    this.items[this.head] = undefined; // let the GC take it
    this.head = (this.head + 1) % this.items.length;
    this.count--;
    return item;
  }

  *[Symbol.iterator](): IterableIterator<T> {
    for (let i = 0; i < this.count; i++) yield this.items[(this.head + i) % this.items.length] as T;
  }

  private grow(): void {
    // Doubling keeps amortized O(1) pushes; never beyond capacity.
    const next = new Array<T | undefined>(Math.min(this.capacity, this.items.length * 2));
    for (let i = 0; i < this.count; i++) next[i] = this.items[(this.head + i) % this.items.length];
    this.items = next;
    this.head = 0;
  }
}
