import { describe, expect, it } from 'vitest';
import type { LatencySummary, StageRates } from './load-result';
import { judgeStep, type StepObservation } from './step.verdict';

const fast: LatencySummary = { p50: 40, p99: 150, p999: 200, max: 240, count: 100_000 };
/** The 2k step of the s4 run: every hop keeping up. */
const lowRate: StageRates = {
  emulatorEmitted: 1542,
  gatesPublished: 3095,
  gatesPublishedA: 1548,
  gatesPublishedB: 1548,
  gatesShed: 0,
  dedupIn: 3093,
  dedupOut: 1587,
  unifiedSeen: 1587,
  gatewayDelivered: 567,
  gatewayPerClient: 286,
  dedupBacklogStart: 1,
  dedupBacklogEnd: 2,
};

function observe(over: Partial<StepObservation> = {}): StepObservation {
  return {
    targetRate: 2000,
    budgetMs: 500,
    latencyMs: fast,
    latencyToUnifiedMs: fast,
    stages: lowRate,
    shedEvents: 0,
    lost: 0,
    duplicates: 0,
    clientDisconnects: 0,
    closeReasons: [],
    ...over,
  };
}

/** The verdict's reasons (saturation is checked in its own case below). */
const stepFailReasons = (o: StepObservation): string[] => judgeStep(o).failReasons;

describe('judgeStep: fail reasons', () => {
  it('passes a step where every hop kept up', () => {
    expect(stepFailReasons(observe())).toEqual([]);
  });

  it('fails a step whose dedup emitted far less than the gates parsed, though every hop kept up', () => {
    // The s3 sweep's 2k step: book deltas dropped as repeats of the step before.
    const stages = { ...lowRate, emulatorEmitted: 1547, dedupOut: 1253, unifiedSeen: 1253 };
    expect(stepFailReasons(observe({ stages }))).toEqual([
      'dedup emitted 1253/s of the 1547/s distinct events parsed',
    ]);
  });

  it('fails on max alone when p99.9 is within budget', () => {
    const slowTail = { ...fast, max: 512 };
    expect(stepFailReasons(observe({ latencyMs: slowTail }))).toEqual(['max 512 ms']);
  });

  it('fails on the worse of the gateway and md.unified p99.9', () => {
    const slow = { ...fast, p999: 600, max: 700 };
    expect(stepFailReasons(observe({ latencyToUnifiedMs: slow }))).toEqual([
      'p99.9 600 ms',
      'max 700 ms',
    ]);
  });

  it('names each hop that fell behind', () => {
    const stages = { ...lowRate, dedupIn: 2000, dedupBacklogEnd: 5001 };
    expect(stepFailReasons(observe({ stages, shedEvents: 3 }))).toEqual([
      'gates shed 3 events at the uploader bound',
      'dedup consumed 2000/s of 3095/s the gates published',
      'dedup backlog +5000 md.raw records',
    ]);
  });

  it('fails a step whose emulator could not offer half the target', () => {
    expect(stepFailReasons(observe({ targetRate: 4000 }))).toEqual([
      'emulator offered only 1542/s',
    ]);
  });

  it('fails on loss, duplicates, silence and client disconnects', () => {
    const none = { ...fast, count: 0 };
    expect(
      stepFailReasons(
        observe({
          lost: 88,
          duplicates: 2,
          latencyToUnifiedMs: none,
          clientDisconnects: 1,
          closeReasons: ['1006 '],
        }),
      ),
    ).toEqual([
      '88 lost',
      '2 duplicates',
      'no events reached md.unified',
      '1 gateway client disconnects (1006 )',
    ]);
  });
});

describe('judgeStep: saturated', () => {
  it('is true for latency and fallen-behind reasons, false for loss and disconnects', () => {
    const overloaded = judgeStep(
      observe({
        latencyMs: { ...fast, p999: 900, max: 950 },
        stages: { ...lowRate, dedupIn: 10, dedupBacklogEnd: 9999 },
        shedEvents: 5,
      }),
    );
    expect(overloaded.failReasons).toHaveLength(5);
    expect(overloaded.saturated).toBe(true);
    for (const over of [
      { latencyMs: { ...fast, max: 600 } },
      { shedEvents: 1 },
      { stages: { ...lowRate, dedupIn: 10 } },
      { stages: { ...lowRate, dedupBacklogEnd: 9999 } },
    ])
      expect(judgeStep(observe(over)).saturated).toBe(true);
    const other = judgeStep(observe({ lost: 1, duplicates: 1, clientDisconnects: 1 }));
    expect(other.failReasons).toHaveLength(3);
    expect(other.saturated).toBe(false);
    expect(judgeStep(observe()).saturated).toBe(false);
  });
});
