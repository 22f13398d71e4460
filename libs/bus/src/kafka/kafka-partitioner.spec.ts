import { Partitioners, type PartitionMetadata } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { partitionForKey } from '../murmur2';

describe('partitionForKey vs kafkajs DefaultPartitioner', () => {
  it('picks the same partition for every key (so both buses agree with Kafka)', () => {
    const partitioner = Partitioners.DefaultPartitioner();
    for (const count of [1, 3, 12, 7]) {
      const partitionMetadata = Array.from({ length: count }, (_, i) => ({
        partitionId: i,
        leader: 1,
      })) as PartitionMetadata[];
      for (let i = 0; i < 3000; i++) {
        const key = `ex${i % 40}:${Math.random()
          .toString(36)
          .slice(2, 2 + (i % 23))}-é${i}`;
        const theirs = partitioner({
          topic: 't',
          partitionMetadata,
          message: { key, value: null },
        });
        expect(partitionForKey(key, count)).toBe(theirs);
      }
    }
  });
});
