import type { LatencySummary, StageRates } from './load-result';

/** What one measured step saw, as the verdict needs it. */
export interface StepObservation {
  readonly targetRate: number;
  readonly budgetMs: number;
  readonly latencyMs: LatencySummary;
  readonly latencyToUnifiedMs: LatencySummary;
  readonly stages: StageRates;
  /** Events the gates' uploaders refused at their bound over the window (a count, not a rate). */
  readonly shedEvents: number;
  readonly lost: number;
  readonly duplicates: number;
  readonly clientDisconnects: number;
  /** Distinct close reasons the gateway clients saw. */
  readonly closeReasons: readonly string[];
}

/** md.raw records a dedup backlog may grow by over a window before it counts as falling behind. */
const BACKLOG_SLACK = 1000;

export interface StepVerdict {
  /** Why the step failed the target; empty = pass. */
  readonly failReasons: string[];
  /**
   * The step ran out of CPU: over the latency budget, or a hop fell behind (gates shed, dedup
   * consumed less than published or grew a backlog). Loss, duplicates or disconnects alone do
   * not say so. The capacity fit leaves such steps out.
   */
  readonly saturated: boolean;
}

/**
 * Why a step failed the target (empty = pass): every message within the budget (p99.9 AND max),
 * nothing lost or duplicated, no stage falling behind the one before it, and md.unified
 * carrying (nearly) every distinct event the gates parsed.
 *
 * Falling behind is checked hop by hop, so the reason names the stage. The end-to-end ratio is
 * checked as well, because the trade-only loss count cannot see book events: it is what caught
 * dedup dropping a step's book deltas as repeats of the step before (update ids that restarted
 * inside the range its window still held), at every rate, ~20 % of the events at 2k/s.
 */
export function judgeStep(o: StepObservation): StepVerdict {
  const reasons: string[] = [];
  let saturated = false;
  const overloaded = (reason: string): void => {
    reasons.push(reason);
    saturated = true;
  };
  const worstP999 = Math.max(o.latencyMs.p999, o.latencyToUnifiedMs.p999);
  if (worstP999 >= o.budgetMs) overloaded(`p99.9 ${worstP999} ms`);
  // The target bounds every message, not just 999 in 1,000: the slowest one counts too.
  const worstMax = Math.max(o.latencyMs.max, o.latencyToUnifiedMs.max);
  if (worstMax >= o.budgetMs) overloaded(`max ${worstMax} ms`);
  const s = o.stages;
  if (s.emulatorEmitted < 0.5 * o.targetRate)
    reasons.push(`emulator offered only ${s.emulatorEmitted}/s`);
  if (o.shedEvents > 0) overloaded(`gates shed ${o.shedEvents} events at the uploader bound`);
  if (s.dedupIn < 0.9 * s.gatesPublished)
    overloaded(`dedup consumed ${s.dedupIn}/s of ${s.gatesPublished}/s the gates published`);
  if (s.dedupOut < 0.9 * s.emulatorEmitted)
    reasons.push(
      `dedup emitted ${s.dedupOut}/s of the ${s.emulatorEmitted}/s distinct events parsed`,
    );
  const backlogGrowth = s.dedupBacklogEnd - s.dedupBacklogStart;
  if (backlogGrowth > BACKLOG_SLACK) overloaded(`dedup backlog +${backlogGrowth} md.raw records`);
  if (o.lost > 0) reasons.push(`${o.lost} lost`);
  if (o.duplicates > 0) reasons.push(`${o.duplicates} duplicates`);
  if (o.latencyToUnifiedMs.count === 0) reasons.push('no events reached md.unified');
  if (o.clientDisconnects > 0)
    reasons.push(
      `${o.clientDisconnects} gateway client disconnects (${o.closeReasons.join(' | ')})`,
    );
  return { failReasons: reasons, saturated };
}
