import { describe, expect, it, vi } from 'vitest';
import type { EachBatchPayload } from 'kafkajs';

// A scripted kafkajs: just enough producer/consumer to drive one eachBatch at a time.
const h = vi.hoisted(() => ({
  producers: [] as { id: number; commits: number; failCommit: boolean; stuck: boolean }[],
  eachBatch: undefined as undefined | ((p: unknown) => Promise<void>),
  seeks: [] as string[],
}));

vi.mock('kafkajs', async (importOriginal) => {
  const actual = await importOriginal<typeof import('kafkajs')>();
  class Kafka {
    producer() {
      const state = { id: h.producers.length, commits: 0, failCommit: false, stuck: false };
      h.producers.push(state);
      return {
        connect: async () => undefined,
        disconnect: async () => undefined,
        // Like kafkajs: after a failed EndTxn the state machine stays in COMMITTING.
        transaction: async () => {
          if (state.stuck) throw new Error('Cannot call "beginTransaction" in state "COMMITTING"');
          let active = true;
          return {
            sendBatch: async () => undefined,
            sendOffsets: async () => undefined,
            isActive: () => active,
            abort: async () => void (active = false),
            commit: async () => {
              active = false;
              if (state.failCommit) {
                state.failCommit = false;
                state.stuck = true;
                throw new Error('Connection error: ECONNREFUSED');
              }
              state.commits++;
            },
          };
        },
      };
    }
    consumer() {
      const listeners = new Map<string, (e: unknown) => void>();
      return {
        events: { GROUP_JOIN: 'join', CRASH: 'crash' },
        on: (ev: string, fn: (e: unknown) => void) => listeners.set(ev, fn),
        connect: async () => undefined,
        subscribe: async () => undefined,
        disconnect: async () => undefined,
        seek: (s: { offset: string }) => h.seeks.push(s.offset),
        run: async (o: { eachBatch: (p: unknown) => Promise<void> }) => {
          h.eachBatch = o.eachBatch;
          listeners.get('join')?.({ payload: { memberAssignment: { 'md.raw': [0] } } });
        },
      };
    }
    admin() {
      return { connect: async () => undefined, disconnect: async () => undefined };
    }
  }
  return { ...actual, Kafka };
});

import { BusConfig } from '../bus.config';
import { KafkaTransactionalProcessor } from './kafka.transactional';

function batch(offset: number, partition = 0): EachBatchPayload {
  return {
    batch: {
      topic: 'md.raw',
      partition,
      highWatermark: String(offset + 10),
      messages: [{ offset: String(offset), key: Buffer.from('k'), value: Buffer.from('v') }],
    },
    resolveOffset: () => undefined,
    heartbeat: async () => undefined,
    isRunning: () => true,
    isStale: () => false,
  } as unknown as EachBatchPayload;
}

describe('KafkaTransactionalProcessor', () => {
  it('replaces a producer left mid-commit by a failed EndTxn instead of retrying forever', async () => {
    const p = new KafkaTransactionalProcessor(
      BusConfig.of({ brokers: ['127.0.0.1:1'] }),
      'txn-test',
      0,
    );
    await p.run({ topics: ['md.raw'], groupId: 'g' }, async () => [
      { topic: 'md.unified', key: 'k', value: Buffer.from('x') },
    ]);
    await h.eachBatch!(batch(0));
    expect(p.stats()).toMatchObject({ committed: 1, aborted: 0 });

    h.producers[0].failCommit = true; // the broker goes away during EndTxn
    await h.eachBatch!(batch(1));
    expect(p.stats()).toMatchObject({ committed: 1, aborted: 1 });
    expect(h.seeks).toEqual(['1']); // re-read from the failed chunk

    await h.eachBatch!(batch(1)); // the retry runs on a fresh producer and commits
    expect(p.stats()).toMatchObject({ committed: 2, aborted: 1 });
    expect(h.producers).toHaveLength(2);
    expect(h.producers[1].commits).toBe(1);
    await p.close();
  });

  it('commits the chunks of partitions handled together in ONE transaction, and resets all on abort', async () => {
    h.producers.length = 0;
    h.seeks.length = 0;
    const resets: string[] = [];
    const p = new KafkaTransactionalProcessor(
      BusConfig.of({ brokers: ['127.0.0.1:1'] }),
      'txn-group',
      0,
    );
    await p.run(
      {
        topics: ['md.raw'],
        groupId: 'g',
        onReset: (parts, reason) =>
          void resets.push(`${reason}:${parts.map((x) => x.partition).join(',')}`),
      },
      async (b) => [{ topic: 'md.unified', key: 'k', value: Buffer.from(String(b.partition)) }],
    );
    await Promise.all([
      h.eachBatch!(batch(0, 0)),
      h.eachBatch!(batch(0, 1)),
      h.eachBatch!(batch(0, 2)),
    ]);
    expect(p.stats()).toMatchObject({ committed: 1, aborted: 0, recordsIn: 3, recordsOut: 3 });
    // Each partition's high watermark is 10 ahead of offset 0 it just processed: 9 left each
    // (partitions 1 and 2 are not in this member's assignment, so only partition 0 counts).
    expect(p.stats().inputLag).toBe(9);
    expect(h.producers[0].commits).toBe(1);
    expect(resets).toEqual(['assigned:0,1,2']); // one rebuild call for the three partitions

    h.producers[0].failCommit = true;
    await Promise.all([h.eachBatch!(batch(1, 0)), h.eachBatch!(batch(1, 1))]);
    expect(p.stats()).toMatchObject({ committed: 1, aborted: 1 });
    expect(h.seeks.sort()).toEqual(['1', '1']); // both partitions re-read their chunk

    await Promise.all([h.eachBatch!(batch(1, 0)), h.eachBatch!(batch(1, 1))]);
    expect(resets).toEqual(['assigned:0,1,2', 'aborted:0,1']);
    expect(p.stats()).toMatchObject({ committed: 2, aborted: 1 });
    await p.close();
  });
});
