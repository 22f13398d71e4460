import { describe, expect, it } from 'vitest';
import { fitCapacity } from './capacity.model';
import type { ProcessResult, StepResult } from './load-result';

function proc(name: string, cpuSec: number): ProcessResult {
  return { name, role: name, cpuSec, cpuSecPerMillion: 0, coresPer100k: 0, peakRssMb: 100 };
}

function step(rate: number, processes: ProcessResult[]): StepResult {
  return { achievedRate: rate, durationSec: 10, processes } as unknown as StepResult;
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
    const model = fitCapacity([at(10_000), at(20_000), at(40_000)])!;
    const gate = model.stages.find((s) => s.role === 'gate')!;
    expect(gate).toMatchObject({ idleCores: 0.2, marginalCoresPer100k: 2, coresFor600k: 12.2 });
    const kafka = model.stages.find((s) => s.role === 'kafka')!;
    expect(kafka).toMatchObject({ idleCores: 0.2, marginalCoresPer100k: 2 });
    expect(model.stages.map((s) => s.role)).not.toContain('load-probe');
    expect(model.coresFor600k).toBeCloseTo(24.4, 3);
  });

  it('needs two different rates', () => {
    expect(fitCapacity([step(1000, [proc('kafka', 1)])])).toBeUndefined();
    expect(
      fitCapacity([step(1000, [proc('kafka', 1)]), step(1000, [proc('kafka', 2)])]),
    ).toBeUndefined();
  });
});
