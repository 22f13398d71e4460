/**
 * Test-only child process for consumer-crash.int.spec.ts: consumes `topic` in `groupId`,
 * commits every other batch (printing each commit once acknowledged), and after `stopAfter`
 * records parks inside a handler so the parent can SIGKILL it mid-batch. Protocol on stdout:
 *   seen <partition> <firstOffset> <lastOffset> | committed <partition> <offset> | parked
 */
import { BusConfig } from '../bus.config';
import { KafkaBus } from '../kafka/kafka.bus';

async function main(): Promise<void> {
  const [topic, groupId, stopAfterText] = process.argv.slice(2);
  const stopAfter = Number(stopAfterText);
  const bus = new KafkaBus(BusConfig.fromEnv());
  let seen = 0;
  let batches = 0;
  await bus.subscribe(
    { topics: [topic], groupId, fromBeginning: true, maxBatchRecords: 50 },
    async (batch, sub) => {
      if (seen >= stopAfter) {
        process.stdout.write('parked\n');
        return new Promise<void>(() => undefined);
      }
      process.stdout.write(`seen ${batch.partition} ${batch.firstOffset} ${batch.lastOffset}\n`);
      seen += batch.records.length;
      if (batches++ % 2 === 0) {
        await sub.commit([{ topic, partition: batch.partition, offset: batch.nextOffset }]);
        process.stdout.write(`committed ${batch.partition} ${batch.nextOffset}\n`);
      }
    },
  );
  process.stdout.write('ready\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`crash-consumer failed: ${String(error)}\n`);
  process.exit(1);
});
