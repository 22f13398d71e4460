import type { TopicPartitionOffset } from './bus.types';

/**
 * Handle of one group member. Nothing is committed unless the owner calls commit(): a
 * record is "done" only when the application says so, which is what makes at-least-once
 * hold across crashes.
 */
export abstract class BusSubscription {
  abstract readonly groupId: string;
  abstract readonly topics: readonly string[];

  /**
   * Settles when the subscription ends: resolves after close(), rejects with
   * BusHandlerError when a handler threw or BusConsumerError when the consumer died.
   */
  abstract readonly done: Promise<void>;

  /**
   * Commit positions (offset = next offset to read). Offsets of partitions this member no
   * longer owns (after a rebalance) are skipped: the new owner redelivers them.
   * Rejects with BusClosedError after close, BusCommitError when the broker refuses.
   */
  abstract commit(offsets: readonly TopicPartitionOffset[]): Promise<void>;

  /** Stop delivering: no handler call starts after pause() returns. Idempotent. */
  abstract pause(): void;

  /** Continue after pause(), from the first record not yet processed. Idempotent. */
  abstract resume(): void;

  abstract readonly paused: boolean;

  /**
   * Leave the group. A batch still in a handler is abandoned: its records are not
   * resolved or committed, so the group redelivers them. Safe to call from a handler.
   */
  abstract close(): Promise<void>;
}
