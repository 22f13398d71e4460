import type { TopicSpec } from '@feedgate/bus';
// The broker scripts (infra/kafka) create topics from the same file, so both stay in step.
import topicsFile from '../../../../infra/kafka/topics.json';

/** The md.* topics of DESIGN.md "Kafka layout": names, partitions and configs are contracts. */
export const MD_TOPICS: readonly TopicSpec[] = topicsFile.topics.map((t) => ({
  topic: t.name,
  partitions: t.partitions,
  configs: t.config as Record<string, string>,
}));

export const MD_TOPIC_NAMES: readonly string[] = MD_TOPICS.map((t) => t.topic);
