import { describe, expect, it } from 'vitest';
import { fitCapacity } from './capacity.model';
import type { ProcessResult, StepResult } from './load-result';

function proc(name: string, cpuSec: number): ProcessResult {
  // The role as LoadRunner gives it: the process name without its replica and index.
  const role = name.replace(/\d+$/, '').replace(/^gate-[ab]$/, 'gate');
  return { name, role, cpuSec, cpuSecPerMillion: 0, coresPer100k: 0, peakRssMb: 100 };
}

function step(
  rate: number,
  processes: ProcessResult[],
  saturated = false,
  failReasons: string[] = [],
): StepResult {
  return { achievedRate: rate, durationSec: 10, processes, saturated, failReasons } as StepResult;
}

describe('fitCapacity', () => {
  it('separates idle cores from the marginal cost and sums the replicas of a role', () => {
    // gate cores = 0.1 + 1e-5·rate per gate (two gates); kafka = 0.2 + 2e-5·rate.
    const at = (rate: number) =>
      step(rate, [
        proc('gate-a0', (0.1 + 1e-5 * rate) * 10),
        proc('gate-b0', (0.1 + 1e-5 * rate) * 10),
        proc('kafka', (0.2 + 2e-5 * rate) * 10),
        proc('load-probe', 99),
      ]);
    const model = fitCapacity([at(10_000), at(20_000), at(40_000)], 64)!;
    const gate = model.stages.find((s) => s.role === 'gate')!;
    expect(gate).toMatchObject({ idleCores: 0.2, marginalCoresPer100k: 2, coresFor600k: 12.2 });
    // At 40k: 2 × (0.1 + 0.4) = 1.0 core → 2.5 per 100k, all of it charged to events.
    expect(gate).toMatchObject({ atTopCoresPer100k: 2.5, elastic: false });
    const kafka = model.stages.find((s) => s.role === 'kafka')!;
    expect(kafka).toMatchObject({ idleCores: 0.2, marginalCoresPer100k: 2 });
    expect(model.stages.map((s) => s.role)).not.toContain('load-probe');
    expect(model.coresFor600k).toBeCloseTo(24.4, 3);
    expect(model.includesSaturated).toBe(false);
  });

  it('leaves out steps that failed on latency or throughput even when their CPU looks low', () => {
    const at = (rate: number, reasons: string[] = []) =>
      step(rate, [proc('gate-a0', (0.1 + 1e-5 * rate) * 10)], false, reasons);
    // A starved step: latency over budget, and less CPU credited than the line predicts.
    const starved = step(30_000, [proc('gate-a0', 1)], true, ['p99.9 9306 ms', 'max 9851 ms']);
    const behind = step(40_000, [proc('gate-a0', 1)], true, [
      'dedup consumed 30000/s of 39000/s the gates published',
    ]);
    // Failed, but not for want of CPU: fitted.
    const lossy = at(20_000, ['88 lost']);
    const model = fitCapacity([at(10_000), lossy, starved, behind], 64)!;
    expect(model.fittedRates).toEqual([10_000, 20_000]);
    expect(model.stages[0]).toMatchObject({ idleCores: 0.1, marginalCoresPer100k: 1 });
  });

  it('fits only the steps that left CPU to spare when there are two of them', () => {
    // Two cores: 1.0 + 1e-5·rate cores until saturation, then capped at 2 (slope flattened).
    const at = (rate: number, cores: number, fellBehind = false) =>
      step(rate, [proc('gate-a0', cores * 10)], fellBehind);
    const steps = [at(10_000, 1.1), at(40_000, 1.4), at(80_000, 1.99), at(90_000, 1.7, true)];
    const model = fitCapacity(steps, 2)!;
    expect(model.fittedRates).toEqual([10_000, 40_000]);
    expect(model.includesSaturated).toBe(false);
    expect(model.stages[0]).toMatchObject({ role: 'gate', marginalCoresPer100k: 1, idleCores: 1 });
    const saturated = fitCapacity([at(10_000, 1.1), at(80_000, 1.99)], 2)!;
    expect(saturated).toMatchObject({ includesSaturated: true, includesFailed: false });
    const failed = fitCapacity([at(10_000, 1.1), at(90_000, 1.7, true)], 2)!;
    expect(failed).toMatchObject({ includesSaturated: true, includesFailed: true });
  });

  it('flags a stage whose CPU does not grow with the rate as elastic', () => {
    // kafka yields CPU as the others need it: 0.65 cores at 2k, 0.34 at 11k (the s4 sweep).
    const at = (rate: number, kafka: number) =>
      step(rate, [proc('gate-a0', (0.1 + 1e-5 * rate) * 10), proc('kafka', kafka * 10)]);
    const model = fitCapacity([at(2_000, 0.65), at(6_000, 0.47), at(11_000, 0.34)], 64)!;
    const kafka = model.stages.find((s) => s.role === 'kafka')!;
    expect(kafka).toMatchObject({ marginalCoresPer100k: 0, elastic: true });
    expect(kafka.atTopCoresPer100k).toBeCloseTo(3.091, 3);
    expect(model.stages.find((s) => s.role === 'gate')!.elastic).toBe(false);
  });

  it('needs two different rates', () => {
    expect(fitCapacity([step(1000, [proc('kafka', 1)])], 2)).toBeUndefined();
    expect(
      fitCapacity([step(1000, [proc('kafka', 1)]), step(1000, [proc('kafka', 2)])], 2),
    ).toBeUndefined();
  });
});
