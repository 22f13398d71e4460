import type { OnApplicationShutdown } from '@nestjs/common';
import { Observable } from 'rxjs';
import type { BusSubscription } from './bus-subscription';
import type { BusRecord, ConsumedBatch, SubscribeOptions, TopicSpec } from './bus.types';

/** Called once per batch; the next batch of the same partition waits for the returned promise. */
export type BatchHandler = (
  batch: ConsumedBatch,
  subscription: BusSubscription,
) => void | Promise<void>;

/** What batches$ emits: the batch and the handle to commit/pause it with. */
export interface BusDelivery {
  readonly batch: ConsumedBatch;
  readonly subscription: BusSubscription;
}

/**
 * The MarketBus port (DESIGN.md "Kafka layout"), also the Nest injection token. Adapters:
 * KafkaBus (real broker) and InProcessBus (embedded, for `npm start` and unit tests). Both
 * pass the same contract suite (market-bus.contract.ts).
 */
export abstract class MarketBus implements OnApplicationShutdown {
  /** Create missing topics; existing topics are left as they are. */
  abstract ensureTopics(specs: readonly TopicSpec[]): Promise<void>;

  /** Delete topics (missing ones are ignored): for throwaway test and benchmark topics. */
  abstract deleteTopics(topics: readonly string[]): Promise<void>;

  /**
   * Append records; resolves when durably acknowledged (Kafka: acks=all). Per-key order is
   * kept across calls. Value buffers must not be mutated before the promise settles.
   * Awaits (backpressure) while the adapter's pending buffer is full.
   * Rejects with BusUnknownTopicError, BusInvalidArgumentError (bad record, or one call larger
   * than the whole pending buffer), BusPublishError, BusClosedError.
   */
  abstract publish(topic: string, records: readonly BusRecord[]): Promise<void>;

  /**
   * Join `groupId` and deliver batches to `handler`. Resolves once the member is live
   * (partitions assigned and start positions resolved): with fromBeginning=false, anything
   * published after that is delivered.
   */
  abstract subscribe(options: SubscribeOptions, handler: BatchHandler): Promise<BusSubscription>;

  /** Flush pending publishes, close every subscription, release connections. Idempotent. */
  abstract close(): Promise<void>;

  async onApplicationShutdown(): Promise<void> {
    await this.close();
  }

  /**
   * RxJS view of subscribe(): one emission per batch, handled synchronously by the
   * observer (the batch counts as handled when next() returns, so a synchronous observer
   * gets natural backpressure; async operators downstream must bound their own buffers).
   * Commits stay explicit through `delivery.subscription`. Unsubscribing closes the member.
   */
  batches$(options: SubscribeOptions): Observable<BusDelivery> {
    return new Observable<BusDelivery>((observer) => {
      let subscription: BusSubscription | undefined;
      let tornDown = false;
      this.subscribe(options, (batch, sub) => {
        if (!observer.closed) observer.next({ batch, subscription: sub });
      }).then(
        (sub) => {
          subscription = sub;
          if (tornDown) {
            void sub.close();
            return;
          }
          sub.done.then(
            () => observer.complete(),
            (error: unknown) => observer.error(error),
          );
        },
        (error: unknown) => observer.error(error),
      );
      return () => {
        tornDown = true;
        if (subscription) void subscription.close();
      };
    });
  }
}
