import type { TopicSpec } from '@feedgate/bus';
// Same file as the broker scripts and apps/feedgate, so partition counts stay in step.
import topicsFile from '../../../../infra/kafka/topics.json';

/** Topics the gateway consumes (one shared upstream subscription each). */
export const GATEWAY_INPUT_TOPICS = [
  'md.unified',
  'md.agg.candles',
  'md.agg.bbo',
  'md.alerts',
  'md.status',
] as const;

/** Compacted topic of admin changes (ConfigStore Kafka adapter). */
export const CONFIG_TOPIC = 'md.config';

const ALL: readonly TopicSpec[] = topicsFile.topics.map((t) => ({
  topic: t.name,
  partitions: t.partitions,
  configs: t.config as Record<string, string>,
}));

/** Specs of `topics` from infra/kafka/topics.json (ensureTopics is idempotent). */
export function topicSpecs(topics: readonly string[]): TopicSpec[] {
  return ALL.filter((t) => topics.includes(t.topic));
}
