interface Waiter<T> {
  readonly item: T;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Group commit: items submitted while a run is in flight (or in the same turn of the event loop)
 * are handed to `run` together, one run at a time. Each submitter's promise settles with the
 * outcome of the run that carried its item. The queue is bounded by the callers: each one awaits
 * its item before submitting another (one per partition in the transactional processor).
 */
export class GroupRunner<T> {
  private queue: Waiter<T>[] = [];
  private running = false;
  private scheduled = false;

  constructor(private readonly run: (items: readonly T[]) => Promise<void>) {}

  submit(item: T): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.schedule();
    });
  }

  /** Items waiting for the next run (not counting the one in flight). */
  get waiting(): number {
    return this.queue.length;
  }

  private schedule(): void {
    if (this.running || this.scheduled || this.queue.length === 0) return;
    this.scheduled = true;
    // setImmediate, not a microtask: partitions of the same fetch submit from separate
    // callbacks, and they should share the first run rather than start one each.
    setImmediate(() => {
      this.scheduled = false;
      void this.drain();
    });
  }

  private async drain(): Promise<void> {
    if (this.running || this.queue.length === 0) return;
    this.running = true;
    const group = this.queue;
    this.queue = [];
    try {
      await this.run(group.map((w) => w.item));
      for (const w of group) w.resolve();
    } catch (error) {
      for (const w of group) w.reject(error);
    } finally {
      this.running = false;
      this.schedule();
    }
  }
}
