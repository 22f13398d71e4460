import { FrameDecoder } from '@feedgate/codec';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BusConfig } from '../bus.config';
import type { BusRecord } from '../bus.types';
import { MARKET_KEYS, MarketFrames } from '../testing/market-frames.fixture';
import { sleep, uniqueName, waitFor } from '../testing/bus-test.kit';
import { KafkaBus } from './kafka.bus';

const EVENTS = 1_000_000;
const EVENTS_PER_FRAME = 200;
const MD_RAW_PARTITIONS = 12; // infra/kafka/topics.json

describe('md.raw layout on the real broker', () => {
  let bus: KafkaBus;

  beforeAll(() => {
    bus = new KafkaBus(BusConfig.fromEnv());
  });

  afterAll(async () => {
    await bus.close();
  });

  it('carries 1,000,000 events in codec frames byte-exact, in per-key order, without loss', async () => {
    const topic = uniqueName('md.raw.test');
    await bus.ensureTopics([{ topic, partitions: MD_RAW_PARTITIONS }]);

    const frames = new MarketFrames();
    const sent: BusRecord[] = [];
    for (let i = 0; i < EVENTS / EVENTS_PER_FRAME; i++) {
      sent.push(frames.frame(MARKET_KEYS[i % MARKET_KEYS.length], EVENTS_PER_FRAME));
    }
    const expected = new Map<string, Buffer[]>();
    for (const r of sent) expected.set(r.key, [...(expected.get(r.key) ?? []), r.value]);

    const decoder = new FrameDecoder();
    const nextFrame = new Map<string, number>();
    const nextEventId = new Map<string, number>();
    let frameMismatches = 0;
    let eventOrderErrors = 0;
    let events = 0;
    let extra = 0;
    const sub = await bus.subscribe(
      { topics: [topic], groupId: uniqueName('md-raw-check'), fromBeginning: true },
      (batch) => {
        for (const record of batch.records) {
          const index = nextFrame.get(record.key) ?? 0;
          nextFrame.set(record.key, index + 1);
          const want = expected.get(record.key)?.[index];
          if (!want) {
            extra++;
            continue;
          }
          if (!record.value.equals(want)) frameMismatches++;
          for (const event of decoder.decode(record.value).events) {
            const id = Number((event as { id: string }).id);
            if (id !== (nextEventId.get(record.key) ?? 0)) eventOrderErrors++;
            nextEventId.set(record.key, id + 1);
            events++;
          }
        }
      },
    );

    const started = Date.now();
    await Promise.all(
      Array.from({ length: Math.ceil(sent.length / 250) }, (_, c) =>
        bus.publish(topic, sent.slice(c * 250, (c + 1) * 250)),
      ),
    );
    const published = Date.now();
    await waitFor(() => events >= EVENTS, `${EVENTS} events (have ${events})`, 90_000);
    const consumed = Date.now();
    await sleep(1500);
    await sub.close();
    await bus.deleteTopics([topic]);

    expect(extra).toBe(0);
    expect(frameMismatches).toBe(0);
    expect(eventOrderErrors).toBe(0);
    expect(events).toBe(EVENTS);
    for (const key of MARKET_KEYS) expect(nextFrame.get(key)).toBe(expected.get(key)!.length);
    process.stdout.write(
      `md.raw: ${sent.length} frames, ${EVENTS} events; publish ${published - started} ms, ` +
        `consumed after ${consumed - started} ms\n`,
    );
  });
});
