// Readiness probe + idempotent topic setup for the local broker, used by kafka-up.sh.
// Waits until the broker answers a metadata request, then creates whichever md.* topics of
// topics.json are missing (and grows partition counts that are too small). Node starts in a
// fraction of the time a JVM-based kafka-topics tool would, which keeps `kafka:up` quick.
//
// usage: node kafka-topics.mjs <brokers> <timeout-seconds>
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import kafkajs from 'kafkajs';

const { Kafka, logLevel } = kafkajs;
const here = dirname(fileURLToPath(import.meta.url));
const [brokers = '127.0.0.1:9092', timeoutArg = '90'] = process.argv.slice(2);
const deadline = Date.now() + Number(timeoutArg) * 1000;
const { topics } = JSON.parse(readFileSync(join(here, 'topics.json'), 'utf8'));

const say = (text) => process.stderr.write(`[kafka] ${text}\n`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const kafka = new Kafka({
  clientId: 'feedgate-kafka-up',
  brokers: brokers.split(','),
  logLevel: logLevel.NOTHING,
  connectionTimeout: 2000,
  requestTimeout: 10000,
  // We retry ourselves against the deadline; kafkajs' own backoff would overshoot it.
  retry: { retries: 0 },
});
const admin = kafka.admin();

/** Retries `step` until it resolves or the deadline passes; returns its value. */
async function untilDeadline(what, step) {
  let lastError;
  while (Date.now() < deadline) {
    try {
      return await step();
    } catch (error) {
      lastError = error;
      await sleep(250);
    }
  }
  throw new Error(
    `${what} did not succeed before the deadline: ${lastError?.message ?? 'timeout'}`,
  );
}

async function main() {
  await untilDeadline('connect', () => admin.connect());
  const existing = new Set(await untilDeadline('listTopics', () => admin.listTopics()));

  const missing = topics.filter((t) => !existing.has(t.name));
  if (missing.length > 0) {
    await untilDeadline('createTopics', async () => {
      const now = new Set(await admin.listTopics());
      const todo = missing.filter((t) => !now.has(t.name));
      if (todo.length === 0) return;
      await admin.createTopics({
        waitForLeaders: true,
        topics: todo.map((t) => ({
          topic: t.name,
          numPartitions: t.partitions,
          replicationFactor: 1,
          configEntries: Object.entries(t.config ?? {}).map(([name, value]) => ({ name, value })),
        })),
      });
    });
    say(`created ${missing.map((t) => t.name).join(', ')}`);
  }

  // Topics that predate a partition bump in topics.json are grown, never shrunk.
  const meta = await admin.fetchTopicMetadata({ topics: topics.map((t) => t.name) });
  const counts = new Map(meta.topics.map((t) => [t.name, t.partitions.length]));
  const grow = topics.filter((t) => (counts.get(t.name) ?? 0) < t.partitions);
  if (grow.length > 0) {
    await admin.createPartitions({
      topicPartitions: grow.map((t) => ({ topic: t.name, count: t.partitions })),
    });
    say(`grew partitions of ${grow.map((t) => t.name).join(', ')}`);
  }
  say(
    `topics ready: ${topics.map((t) => `${t.name}(${Math.max(t.partitions, counts.get(t.name) ?? 0)})`).join(' ')}`,
  );
}

try {
  await main();
} catch (error) {
  say(`ERROR: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await admin.disconnect().catch(() => undefined);
}
