import type { ConsumedBatch, TopicPartitionOffset } from '../bus.types';
import type { PartitionLog } from './partition-log';
import type { InProcessGroupPort, InProcessSubscription } from './in-process.subscription';

interface PartitionState {
  owner: InProcessSubscription | undefined;
  /** Next offset to deliver to the owner. */
  position: number;
  /** A batch of this partition is in a handler: the next one waits (per-partition order). */
  busy: boolean;
  /** Bumped on every ownership change, so a late-finishing old batch cannot move `position`. */
  generation: number;
}

/**
 * An in-process consumer group: committed offsets (kept while the group has no member, as
 * Kafka keeps them), members, and partition assignment. Partition p of a topic goes to
 * member p mod n among the members subscribed to it, in join order. A partition that changes
 * owner restarts from the committed offset, so uncommitted records are redelivered.
 */
export class InProcessGroup implements InProcessGroupPort {
  private readonly members: InProcessSubscription[] = [];
  private readonly committed = new Map<string, number[]>();
  private readonly states = new Map<string, PartitionState[]>();
  private skippedCount = 0;

  constructor(
    readonly groupId: string,
    private readonly logsOf: (topic: string) => readonly PartitionLog[],
    private readonly wake: () => void,
  ) {}

  /** Records a member never saw because retention evicted them first. */
  get skipped(): number {
    return this.skippedCount;
  }

  get memberCount(): number {
    return this.members.length;
  }

  join(member: InProcessSubscription): void {
    this.members.push(member);
    this.rebalance();
  }

  leave(member: InProcessSubscription): void {
    const index = this.members.indexOf(member);
    if (index < 0) return;
    this.members.splice(index, 1);
    this.rebalance();
  }

  resumed(): void {
    this.wake();
  }

  commit(member: InProcessSubscription, offsets: readonly TopicPartitionOffset[]): void {
    for (const { topic, partition, offset } of offsets) {
      // Only the owner may commit: a stale member must not move the group's position.
      if (this.states.get(topic)?.[partition]?.owner !== member) continue;
      let perPartition = this.committed.get(topic);
      if (!perPartition) this.committed.set(topic, (perPartition = []));
      perPartition[partition] = offset;
    }
  }

  committedOffset(topic: string, partition: number): number | undefined {
    return this.committed.get(topic)?.[partition];
  }

  /** Starts every batch that can start now; called by the bus on any change. */
  dispatch(): void {
    for (const [topic, states] of this.states) {
      const logs = this.logsOf(topic);
      for (let partition = 0; partition < states.length; partition++) {
        const state = states[partition];
        const owner = state.owner;
        if (!owner || state.busy || !owner.ready) continue;
        const log = logs[partition];
        if (!log) continue; // topic deleted under a live subscription
        if (state.position < log.startOffset) {
          this.skippedCount += log.startOffset - state.position;
          state.position = log.startOffset;
        }
        if (state.position >= log.endOffset) continue;
        this.start(topic, partition, state, owner, log);
      }
    }
  }

  private start(
    topic: string,
    partition: number,
    state: PartitionState,
    owner: InProcessSubscription,
    log: PartitionLog,
  ): void {
    const records = log.read(state.position, owner.options.maxBatchRecords);
    const last = records[records.length - 1].offset;
    const batch: ConsumedBatch = {
      topic,
      partition,
      records,
      firstOffset: records[0].offset,
      lastOffset: last,
      nextOffset: last + 1,
    };
    const generation = state.generation;
    state.busy = true;
    void owner.deliver(batch).then((handled) => {
      state.busy = false;
      if (handled && state.generation === generation) state.position = batch.nextOffset;
      this.wake();
    });
  }

  private rebalance(): void {
    const topics = new Set<string>(this.states.keys());
    for (const member of this.members) member.topics.forEach((t) => topics.add(t));
    for (const topic of topics) {
      const logs = this.logsOf(topic);
      const subscribers = this.members.filter((m) => m.topics.includes(topic));
      let states = this.states.get(topic);
      if (!states) this.states.set(topic, (states = []));
      for (let partition = 0; partition < logs.length; partition++) {
        const state = (states[partition] ??= {
          owner: undefined,
          position: 0,
          busy: false,
          generation: 0,
        });
        const owner = subscribers.length ? subscribers[partition % subscribers.length] : undefined;
        if (state.owner === owner) continue;
        state.owner = owner;
        state.generation++;
        if (owner) {
          const log = logs[partition];
          state.position =
            this.committedOffset(topic, partition) ??
            (owner.options.fromBeginning ? log.startOffset : log.endOffset);
        }
      }
    }
    this.wake();
  }
}
