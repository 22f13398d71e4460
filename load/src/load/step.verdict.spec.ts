import { describe, expect, it } from 'vitest';
import type { LatencySummary, StageRates } from './load-result';
import { isSaturationReason, stepFailReasons, type StepObservation } from './step.verdict';

const fast: LatencySummary = { p50: 40, p99: 150, p999: 200, max: 240, count: 100_000 };
/** The 2k step of the s3 sweep: dedup out 1253/s of 1547/s parsed, every hop keeping up. */
const lowRate: StageRates = {
  emulatorEmitted: 1547,
  gatesPublished: 3097,
  gatesPublishedA: 1547,
  gatesPublishedB: 1550,
  gatesShed: 0,
  dedupIn: 3097,
  dedupOut: 1253,
  unifiedSeen: 1253,
  gatewayDelivered: 573,
  gatewayPerClient: 287,
  dedupBacklogStart: 1,
  dedupBacklogEnd: 1,
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

describe('stepFailReasons', () => {
  it('passes a low-rate step whose dedup output is below the parsed rate (withheld book events)', () => {
    expect(stepFailReasons(observe())).toEqual([]);
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
      'dedup consumed 2000/s of 3097/s the gates published',
      'dedup backlog +5000 md.raw records',
    ]);
  });

  it('fails a step whose emulator could not offer half the target', () => {
    expect(stepFailReasons(observe({ targetRate: 4000 }))).toEqual([
      'emulator offered only 1547/s',
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

describe('isSaturationReason', () => {
  it('is true for latency and fallen-behind reasons, false for loss and disconnects', () => {
    const saturated = stepFailReasons(
      observe({
        latencyMs: { ...fast, p999: 900, max: 950 },
        stages: { ...lowRate, dedupIn: 10, dedupBacklogEnd: 9999 },
        shedEvents: 5,
      }),
    );
    expect(saturated).toHaveLength(5);
    expect(saturated.every(isSaturationReason)).toBe(true);
    const other = stepFailReasons(observe({ lost: 1, duplicates: 1, clientDisconnects: 1 }));
    expect(other).toHaveLength(3);
    expect(other.some(isSaturationReason)).toBe(false);
  });
});
