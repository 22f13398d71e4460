import type { StepResult } from './load-result';

/** One stage's CPU as a straight line over the load steps: cores = idle + perEvent × rate. */
export interface StageCapacity {
  readonly role: string;
  /** Cores the stage burns with no traffic (polling, timers, heartbeats): the intercept. */
  readonly idleCores: number;
  /** Extra cores per 100,000 events/s: the slope, what scaling to a rate costs. */
  readonly marginalCoresPer100k: number;
  /** idle + 6 × marginal. */
  readonly coresFor600k: number;
  /**
   * The stage's cores at the highest fitted rate per 100,000 events/s, idle included: what the
   * marginal cost can be at most.
   */
  readonly atTopCoresPer100k: number;
  /**
   * True when the stage's CPU did not grow with the rate (marginal < 10 % of atTop): it fills
   * what the box leaves it (a broker's and a commit loop's polling run more often when idle), so
   * this sweep cannot price its traffic; its own benchmark must.
   */
  readonly elastic: boolean;
}

export interface CapacityModel {
  readonly stages: StageCapacity[];
  readonly coresFor600k: number;
  /** Rates (events/s) the fit used. */
  readonly fittedRates: number[];
  /**
   * True when fewer than two steps had CPU to spare: the fit then used steps that kept up but
   * used ≥ 90 % of the cores, or, with fewer than two of those, every step.
   */
  readonly includesSaturated: boolean;
  /** True when even the steps that kept up (latency, throughput) were fewer than two. */
  readonly includesFailed: boolean;
}

/** A step saturated the machine when its processes used this share of its cores, or more. */
const SATURATED_SHARE = 0.9;

/**
 * The hardware for a target rate as a calculation: per stage (processes of one role summed,
 * e.g. every gate), a least-squares line of cores used against the achieved rate over the
 * --find-max steps. A single step's "CPU per event" mixes in the idle cost (Kafka polling alone
 * is a tenth of a core), which overstates the cost at low rates; the slope does not. Needs two
 * steps at different rates; the load probe is left out of the stages (it is the measuring tool)
 * but counts towards saturation (it used the same cores).
 */
export function fitCapacity(
  steps: readonly StepResult[],
  cores: number,
): CapacityModel | undefined {
  const valid = steps.filter((s) => s.achievedRate > 0 && s.durationSec > 0);
  // A saturated step flattens every slope (the stages share the cores that are left), so only
  // steps with CPU to spare and no growing dedup backlog are fitted when there are two.
  // A step whose latency went over the budget or that fell behind the market was saturated too,
  // even when the CPU it was credited looks low (starved processes poll less). Steps that kept
  // up but used ≥ 90 % of the cores are the next best; saturated ones only when nothing else.
  const keptUp = valid.filter((s) => !s.saturated);
  const spare = keptUp.filter(
    (s) =>
      s.processes.reduce((sum, p) => sum + p.cpuSec, 0) / s.durationSec < SATURATED_SHARE * cores,
  );
  const usable = spare.length >= 2 ? spare : keptUp.length >= 2 ? keptUp : valid;
  const includesSaturated = usable !== spare;
  const includesFailed = usable === valid && keptUp.length < 2;
  const rates = usable.map((s) => s.achievedRate);
  if (usable.length < 2 || Math.max(...rates) - Math.min(...rates) < 1) return undefined;
  const roles = new Map<string, number[]>();
  usable.forEach((s, i) => {
    for (const p of s.processes) {
      if (p.name === 'load-probe') continue;
      const role = p.role;
      const list = roles.get(role) ?? new Array<number>(usable.length).fill(0);
      list[i] += p.cpuSec / s.durationSec;
      roles.set(role, list);
    }
  });
  const stages: StageCapacity[] = [];
  const top = rates.indexOf(Math.max(...rates));
  for (const [role, cores] of roles) {
    const { slope, intercept } = leastSquares(rates, cores);
    const marginal = Math.max(0, slope * 100_000);
    const idle = Math.max(0, intercept);
    const atTop = (cores[top] / rates[top]) * 100_000;
    stages.push({
      role,
      idleCores: round(idle),
      marginalCoresPer100k: round(marginal),
      coresFor600k: round(idle + 6 * marginal),
      atTopCoresPer100k: round(atTop),
      elastic: marginal < 0.1 * atTop,
    });
  }
  stages.sort((a, b) => b.coresFor600k - a.coresFor600k);
  return {
    stages,
    coresFor600k: round(stages.reduce((s, x) => s + x.coresFor600k, 0)),
    fittedRates: rates.map(Math.round),
    includesSaturated,
    includesFailed,
  };
}

function leastSquares(
  x: readonly number[],
  y: readonly number[],
): { slope: number; intercept: number } {
  const n = x.length;
  const mx = x.reduce((a, b) => a + b, 0) / n;
  const my = y.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
  }
  const slope = sxx === 0 ? 0 : sxy / sxx;
  return { slope, intercept: my - slope * mx };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
