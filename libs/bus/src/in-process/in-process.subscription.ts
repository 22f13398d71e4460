import { BusSubscription } from '../bus-subscription';
import type { ConsumedBatch, TopicPartitionOffset } from '../bus.types';
import type { NormalizedSubscribeOptions } from '../bus-validation';
import { checkOffsets } from '../bus-validation';
import { BusClosedError } from '../errors/bus-closed.error';
import { BusHandlerError } from '../errors/bus-handler.error';
import type { BatchHandler } from '../market-bus';
import { HandlerRace } from '../handler.race';

/** What a member needs from its group; kept narrow so the two classes do not import each other. */
export interface InProcessGroupPort {
  commit(member: InProcessSubscription, offsets: readonly TopicPartitionOffset[]): void;
  leave(member: InProcessSubscription): void;
  resumed(): void;
}

/** One member of an in-process consumer group. The group decides what it gets; it runs the handler. */
export class InProcessSubscription extends BusSubscription {
  readonly groupId: string;
  readonly topics: readonly string[];
  readonly done: Promise<void>;
  private inFlight = 0;
  private isPaused = false;
  private closing = false;
  private resolveDone!: () => void;
  private rejectDone!: (error: Error) => void;
  /** In-flight deliveries stop waiting for their handler at close. */
  private readonly race = new HandlerRace();

  constructor(
    readonly options: NormalizedSubscribeOptions,
    private readonly handler: BatchHandler,
    private readonly group: InProcessGroupPort,
  ) {
    super();
    this.groupId = options.groupId;
    this.topics = options.topics;
    this.done = new Promise<void>((resolve, reject) => {
      this.resolveDone = resolve;
      this.rejectDone = reject;
    });
    // Whoever awaits `done` still sees the rejection; this only avoids an unhandled one.
    this.done.catch(() => undefined);
  }

  get paused(): boolean {
    return this.isPaused;
  }

  get closed(): boolean {
    return this.closing;
  }

  /** True when the group may start one more batch for this member. */
  get ready(): boolean {
    return !this.isPaused && !this.closing && this.inFlight < this.options.partitionConcurrency;
  }

  async commit(offsets: readonly TopicPartitionOffset[]): Promise<void> {
    checkOffsets(offsets);
    if (this.closing) throw new BusClosedError(`subscription of group ${this.groupId}`);
    this.group.commit(this, offsets);
  }

  pause(): void {
    this.isPaused = true;
  }

  resume(): void {
    if (!this.isPaused) return;
    this.isPaused = false;
    this.group.resumed();
  }

  async close(): Promise<void> {
    this.end();
  }

  /**
   * Runs the handler on a batch (never synchronously with the caller). Resolves true when it
   * finished normally, false when it threw (the member then fails) or the member closed first.
   */
  async deliver(batch: ConsumedBatch): Promise<boolean> {
    this.inFlight++;
    try {
      const handled = Promise.resolve().then(() => this.handler(batch, this));
      const outcome = await this.race.wait(handled);
      return outcome && !this.closing;
    } catch (error) {
      this.end(new BusHandlerError(batch.topic, batch.partition, batch.firstOffset, error));
      return false;
    } finally {
      this.inFlight--;
    }
  }

  private end(error?: Error): void {
    if (this.closing) return;
    this.closing = true;
    this.race.abandon();
    this.group.leave(this);
    if (error) this.rejectDone(error);
    else this.resolveDone();
  }
}
