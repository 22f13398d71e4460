import {
  BusConfig,
  BusPublishError,
  InProcessBus,
  type BusRecord,
  type ConsumedRecord,
  type TopicSpec,
} from '@feedgate/bus';

export const TEST_TOPICS: readonly TopicSpec[] = [
  { topic: 'md.raw', partitions: 4 },
  { topic: 'md.status', partitions: 2 },
  { topic: 'md.deadletter', partitions: 1 },
];

/**
 * The in-process bus with test controls: `hold()` makes publish await until `release()`
 * (a saturated broker), `failNext(n)` makes the next n publishes fail transiently, and every
 * accepted call is counted. Reading back goes through the real subscribe path (`collect`).
 */
export class HeldBus extends InProcessBus {
  publishCalls = 0;
  private held: Promise<void> | undefined;
  private releaseHeld: (() => void) | undefined;
  private failures = 0;

  constructor() {
    super(BusConfig.of({ retentionRecords: 1_000_000, retentionBytes: 512 * 1024 * 1024 }));
  }

  static async create(): Promise<HeldBus> {
    const bus = new HeldBus();
    await bus.ensureTopics(TEST_TOPICS);
    return bus;
  }

  hold(): void {
    if (!this.held) this.held = new Promise((resolve) => (this.releaseHeld = resolve));
  }

  release(): void {
    this.releaseHeld?.();
    this.held = undefined;
    this.releaseHeld = undefined;
  }

  failNext(n: number): void {
    this.failures = n;
  }

  override async publish(topic: string, records: readonly BusRecord[]): Promise<void> {
    if (this.failures > 0) {
      this.failures--;
      throw new BusPublishError('injected transient failure');
    }
    // Waits for the hold in force now; a later hold() applies to later calls only.
    const held = this.held;
    if (held) await held;
    this.publishCalls++;
    return super.publish(topic, records);
  }

  /** Everything on `topic` from the beginning, in partition-then-offset order, once `n` arrived. */
  async collect(topic: string, n: number, timeoutMs = 3000): Promise<ConsumedRecord[]> {
    const out: ConsumedRecord[] = [];
    let done: () => void = () => undefined;
    const enough = new Promise<void>((resolve) => (done = resolve));
    const sub = await this.subscribe(
      { topics: [topic], groupId: `collect-${Math.random()}`, fromBeginning: true },
      (batch) => {
        out.push(...batch.records);
        if (out.length >= n) done();
      },
    );
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([enough, new Promise((r) => (timer = setTimeout(r, timeoutMs)))]);
    clearTimeout(timer);
    await sub.close();
    return out;
  }
}
