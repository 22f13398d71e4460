/**
 * Codec benchmark: feedgate's binary frames vs JSON vs msgpackr, on trades, 10-level book
 * updates, BBOs and the all-types mix (codec-fixtures.ts), in frames of 100 events of one key.
 *
 *   npm run bench:codec                 table on stdout
 *   npm run bench:codec -- --json       also writes reports/bench-codec.json and prints it
 *   npm run bench:codec -- --quick      short iterations (smoke run, numbers are rougher)
 *
 * The three codecs take turns (codec-measure.ts), so load from other processes hits all alike.
 * What each row includes, so the comparison is fair:
 * - feedgate: FrameEncoder.encode(header, events) → Buffer (a copy the caller owns), and
 *   FrameDecoder.decode(buffer) → header + events with exact Decimals.
 * - json: encode = map every event to its JSON form (Decimal → string) + JSON.stringify of the
 *   frame's array; decode = JSON.parse + map back (Decimal.parse on every price/amount), so both
 *   sides end with the same in-memory events. Bytes are the UTF-8 length of the JSON text.
 * - msgpackr: the same mapping, with msgpackr pack/unpack (default options) instead of JSON.
 */
import { type UnifiedEvent } from '@feedgate/core';
import { FrameDecoder, FrameEncoder } from '@feedgate/codec';
import { pack, unpack } from 'msgpackr';
import { BenchReport } from './bench-report';
import { BenchTable } from './bench-table';
import { CodecFixtures, MIX_PER_100, type CodecDataset } from './codec-fixtures';
import { CodecJsonForm, type JsonEvent } from './codec-json-form';
import { CodecMeasure, type MeasureStep } from './codec-measure';

const EVENTS_PER_FRAME = 100;
const FRAMES = 50; // rotating over 5,000 distinct events keeps one frame from staying hot in cache
const DATASETS: readonly CodecDataset[] = ['mix', 'trade', 'book', 'bbo'];
const TARGETS = { decodeVsJson: 3, encodeVsJson: 2, maxBytesVsJson: 0.5 };

interface Codec {
  readonly name: 'feedgate' | 'json' | 'msgpackr';
  encode(events: UnifiedEvent[], frameSeq: number): Uint8Array | string;
  decode(payload: Uint8Array | string): UnifiedEvent[];
}

interface Result {
  readonly name: Codec['name'];
  readonly encodePerSec: number;
  readonly decodePerSec: number;
  readonly bytesPerEvent: number;
}

const encoder = new FrameEncoder();
const decoder = new FrameDecoder();
const toJson = (events: UnifiedEvent[]): JsonEvent[] => events.map(CodecJsonForm.toJson);
const fromJson = (items: JsonEvent[]): UnifiedEvent[] => items.map(CodecJsonForm.fromJson);

const CODECS: readonly Codec[] = [
  {
    name: 'feedgate',
    encode: (events, frameSeq) =>
      encoder.encode(
        { gateId: 'gate-1', replica: 'A', epoch: 1, frameSeq, firstEventTime: events[0].ts },
        events,
      ),
    decode: (payload) => decoder.decode(payload as Uint8Array).events,
  },
  {
    name: 'json',
    encode: (events) => JSON.stringify(toJson(events)),
    decode: (payload) => fromJson(JSON.parse(payload as string) as JsonEvent[]),
  },
  {
    name: 'msgpackr',
    encode: (events) => pack(toJson(events)),
    decode: (payload) => fromJson(unpack(payload as Uint8Array) as JsonEvent[]),
  },
];

const byteLength = (p: Uint8Array | string): number =>
  typeof p === 'string' ? Buffer.byteLength(p) : p.byteLength;

/** Exact comparison through the JSON form (Decimals as their exact strings). */
function sameEvents(a: UnifiedEvent[], b: UnifiedEvent[]): boolean {
  return JSON.stringify(toJson(a)) === JSON.stringify(toJson(b));
}

/** Steps that encode / decode the next frame of a rotating set; payloads are pre-encoded. */
function stepsFor(
  codec: Codec,
  frames: UnifiedEvent[][],
): { encode: MeasureStep; decode: MeasureStep; bytesPerEvent: number } {
  const payloads = frames.map((f, i) => codec.encode(f, i));
  frames.forEach((f, i) => {
    if (!sameEvents(codec.decode(payloads[i]), f))
      throw new Error(`${codec.name} does not round-trip`);
  });
  const bytes = payloads.reduce((sum, p) => sum + byteLength(p), 0);
  let e = 0;
  let d = 0;
  return {
    encode: () => {
      e = e + 1 === frames.length ? 0 : e + 1;
      CodecMeasure.sink += byteLength(codec.encode(frames[e], e));
      return EVENTS_PER_FRAME;
    },
    decode: () => {
      d = d + 1 === frames.length ? 0 : d + 1;
      CodecMeasure.sink += codec.decode(payloads[d]).length;
      return EVENTS_PER_FRAME;
    },
    bytesPerEvent: Math.round((bytes / (frames.length * EVENTS_PER_FRAME)) * 10) / 10,
  };
}

function measureDataset(frames: UnifiedEvent[][], measure: CodecMeasure): Result[] {
  const steps = CODECS.map((codec) => stepsFor(codec, frames));
  const rates = measure.run(steps.flatMap((s) => [s.encode, s.decode]));
  return CODECS.map((codec, i) => ({
    name: codec.name,
    encodePerSec: Math.round(rates[2 * i]),
    decodePerSec: Math.round(rates[2 * i + 1]),
    bytesPerEvent: steps[i].bytesPerEvent,
  }));
}

function targets(
  results: readonly Result[],
): { name: string; value: number; target: number; pass: boolean }[] {
  const fg = results.find((r) => r.name === 'feedgate')!;
  const js = results.find((r) => r.name === 'json')!;
  const round = (v: number): number => Math.round(v * 100) / 100;
  const dec = round(fg.decodePerSec / js.decodePerSec);
  const enc = round(fg.encodePerSec / js.encodePerSec);
  const size = round(fg.bytesPerEvent / js.bytesPerEvent);
  return [
    {
      name: 'decode events/s vs json (×)',
      value: dec,
      target: TARGETS.decodeVsJson,
      pass: dec >= TARGETS.decodeVsJson,
    },
    {
      name: 'encode events/s vs json (×)',
      value: enc,
      target: TARGETS.encodeVsJson,
      pass: enc >= TARGETS.encodeVsJson,
    },
    {
      name: 'bytes/event vs json (ratio)',
      value: size,
      target: TARGETS.maxBytesVsJson,
      pass: size <= TARGETS.maxBytesVsJson,
    },
  ];
}

function main(): void {
  const quick = process.argv.includes('--quick');
  const options = quick
    ? { warmupMs: 200, iterationMs: 250, iterations: 3 }
    : { warmupMs: 1000, iterationMs: 1000, iterations: 5 };
  const measure = new CodecMeasure(options);
  const machine = BenchReport.machine();
  BenchReport.print(
    `codec benchmark: ${EVENTS_PER_FRAME} events/frame, ${options.iterations}×${options.iterationMs} ms ` +
      `after ${options.warmupMs} ms warm-up, median reported — ${machine.cpuModel} ×${machine.cpuCount}, node ${machine.node}, load ${machine.loadAvg1m}\n`,
  );
  const table = new BenchTable([
    { header: 'data set' },
    { header: 'codec' },
    { header: 'encode ev/s', align: 'right' },
    { header: 'decode ev/s', align: 'right' },
    { header: 'bytes/ev', align: 'right' },
    { header: 'enc ×json', align: 'right' },
    { header: 'dec ×json', align: 'right' },
    { header: 'size/json', align: 'right' },
  ]);
  const byType: Record<string, Result[]> = {};
  for (const dataset of DATASETS) {
    const frames = new CodecFixtures(7).frames(dataset, FRAMES, EVENTS_PER_FRAME);
    const results = measureDataset(frames, measure);
    byType[dataset] = results;
    const js = results.find((r) => r.name === 'json')!;
    for (const r of results) {
      table.add([
        dataset,
        r.name,
        r.encodePerSec,
        r.decodePerSec,
        BenchTable.num(r.bytesPerEvent, 1),
        BenchTable.num(r.encodePerSec / js.encodePerSec, 2),
        BenchTable.num(r.decodePerSec / js.decodePerSec, 2),
        BenchTable.num(r.bytesPerEvent / js.bytesPerEvent, 2),
      ]);
    }
  }
  BenchReport.print(table.render());
  const checks = targets(byType.mix);
  for (const t of checks) {
    BenchReport.print(
      `${t.pass ? 'PASS' : 'FAIL'}  mix ${t.name}: ${t.value} (target ${t.name.includes('bytes') ? '≤' : '≥'} ${t.target})`,
    );
  }
  if (BenchReport.wantsJson()) {
    const { mix, ...perType } = byType;
    const report = {
      results: mix,
      byType: perType,
      targets: checks,
      config: {
        eventsPerFrame: EVENTS_PER_FRAME,
        frames: FRAMES,
        mixPer100: MIX_PER_100,
        ...options,
      },
      machine,
    };
    const file = BenchReport.writeJson('codec', report);
    BenchReport.print(`\nwrote ${file}`);
    BenchReport.print(JSON.stringify(report, null, 2));
  }
}

main();
