import type { TopicSpec } from '@feedgate/bus';
import { MD_DEADLETTER, MD_RAW, MD_STATUS } from '@feedgate/uploader';
// Same file the broker scripts create topics from, so partitions stay in step.
import topicsFile from '../../../../infra/kafka/topics.json';

const MINE = new Set([MD_RAW, MD_STATUS, MD_DEADLETTER]);

/** The topics the gate writes, as DESIGN.md "Kafka layout" and infra/kafka/topics.json define them. */
export const GATE_TOPICS: readonly TopicSpec[] = topicsFile.topics
  .filter((t) => MINE.has(t.name))
  .map((t) => ({
    topic: t.name,
    partitions: t.partitions,
    configs: t.config as Record<string, string>,
  }));
