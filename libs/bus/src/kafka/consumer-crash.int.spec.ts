import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BusConfig } from '../bus.config';
import type { BusRecord } from '../bus.types';
import { BatchCollector, uniqueName, waitFor } from '../testing/bus-test.kit';
import { KafkaBus } from './kafka.bus';

const PARTITIONS = 6;
const KEYS = 24;
const PER_KEY = 800; // 19,200 records
const ROOT = resolve(__dirname, '../../../..');

/** What the first (killed) member reported: offsets it saw and what it committed. */
interface FirstMember {
  readonly seen: Map<number, Set<number>>;
  readonly committed: Map<number, number>;
}

const records = (): BusRecord[] => {
  const out: BusRecord[] = [];
  for (let i = 0; i < PER_KEY; i++) {
    for (let k = 0; k < KEYS; k++)
      out.push({ key: `okx:K${k}-USDT`, value: Buffer.from(`${k}|${i}`) });
  }
  return out;
};

/**
 * At-least-once after a crash: the second member starts exactly at each partition's last
 * commit, so it re-delivers exactly what the first member saw past its commits, and
 * together they saw every record.
 */
function checkResume(first: FirstMember, second: BatchCollector): void {
  const total = KEYS * PER_KEY;
  const byPartition = second.offsetsByPartition();
  let covered = 0;
  for (let p = 0; p < PARTITIONS; p++) {
    const start = first.committed.get(p) ?? 0;
    const offsets = byPartition.get(p) ?? [];
    const seenByFirst = first.seen.get(p) ?? new Set<number>();
    const end = Math.max(start, ...offsets.map((o) => o + 1));
    if (offsets.length > 0) expect(offsets[0]).toBe(start);
    expect(offsets).toEqual(offsets.map((_, i) => start + i));
    for (let o = 0; o < start; o++) expect(seenByFirst.has(o)).toBe(true);
    const redelivered = offsets.filter((o) => seenByFirst.has(o));
    expect(redelivered).toEqual([...seenByFirst].filter((o) => o >= start).sort((a, b) => a - b));
    covered += end;
  }
  expect(covered).toBe(total);
  expect(second.count).toBe(total - [...first.committed.values()].reduce((a, b) => a + b, 0));
}

describe('consumer crash and resume on the real broker', () => {
  let bus: KafkaBus;

  beforeAll(() => {
    bus = new KafkaBus(BusConfig.fromEnv({ ...process.env, BUS_SESSION_TIMEOUT_MS: '6000' }));
  });

  afterAll(async () => {
    await bus.close();
  });

  it('resumes from the committed offsets after a member is closed mid-batch', async () => {
    const topic = uniqueName('crash.close');
    const groupId = uniqueName('g');
    await bus.ensureTopics([{ topic, partitions: PARTITIONS }]);
    await bus.publish(topic, records());
    const first: FirstMember = { seen: new Map(), committed: new Map() };
    let seen = 0;
    let batches = 0;
    let parked = false;
    const subA = await bus.subscribe(
      { topics: [topic], groupId, fromBeginning: true, maxBatchRecords: 50 },
      async (batch, sub) => {
        if (seen >= 7000) {
          parked = true;
          return new Promise<void>(() => undefined);
        }
        const set = first.seen.get(batch.partition) ?? new Set<number>();
        for (const r of batch.records) set.add(r.offset);
        first.seen.set(batch.partition, set);
        seen += batch.records.length;
        if (batches++ % 2 === 0) {
          await sub.commit([{ topic, partition: batch.partition, offset: batch.nextOffset }]);
          first.committed.set(batch.partition, batch.nextOffset);
        }
      },
    );
    await waitFor(() => parked, 'the first member to park', 60_000);
    await subA.close();

    const second = new BatchCollector();
    const subB = await bus.subscribe(
      { topics: [topic], groupId, fromBeginning: true },
      second.handler,
    );
    const expected = KEYS * PER_KEY - [...first.committed.values()].reduce((a, b) => a + b, 0);
    await waitFor(() => second.count >= expected, 'the second member', 60_000);
    checkResume(first, second);
    await subB.close();
    await bus.deleteTopics([topic]);
  });

  it('resumes from the committed offsets after a member process is SIGKILLed mid-batch', async () => {
    const topic = uniqueName('crash.kill');
    const groupId = uniqueName('g');
    await bus.ensureTopics([{ topic, partitions: PARTITIONS }]);
    await bus.publish(topic, records());

    const first: FirstMember = { seen: new Map(), committed: new Map() };
    const child = spawn(
      process.execPath,
      [
        '-r',
        './tools/register.cjs',
        'libs/bus/src/testing/crash-consumer.script.ts',
        topic,
        groupId,
        '9000',
      ],
      {
        cwd: ROOT,
        env: { ...process.env, BUS_SESSION_TIMEOUT_MS: '6000' },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let parked = false;
    let buffered = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) {
        const [what, a, b, c] = line.split(' ');
        if (what === 'parked') parked = true;
        else if (what === 'committed') first.committed.set(Number(a), Number(b));
        else if (what === 'seen') {
          const set = first.seen.get(Number(a)) ?? new Set<number>();
          for (let o = Number(b); o <= Number(c); o++) set.add(o);
          first.seen.set(Number(a), set);
        }
      }
    });
    const exited = new Promise<NodeJS.Signals | null>((done) =>
      child.on('exit', (_code, signal) => done(signal)),
    );
    try {
      await waitFor(() => parked, 'the child to park', 60_000);
    } finally {
      child.kill('SIGKILL');
    }
    expect(await exited).toBe('SIGKILL');
    expect(first.committed.size).toBeGreaterThan(0);

    const second = new BatchCollector();
    const subB = await bus.subscribe(
      { topics: [topic], groupId, fromBeginning: true },
      second.handler,
    );
    const expected = KEYS * PER_KEY - [...first.committed.values()].reduce((a, b) => a + b, 0);
    await waitFor(() => second.count >= expected, 'the second member', 60_000);
    checkResume(first, second);
    await subB.close();
    await bus.deleteTopics([topic]);
  });
});
