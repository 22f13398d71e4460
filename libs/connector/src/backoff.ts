/** Random source in [0, 1); injectable so tests can pin the jitter. */
export type RandomSource = () => number;

export interface BackoffPolicy {
  readonly baseMs: number;
  readonly capMs: number;
}

/**
 * "Full jitter" backoff (AWS architecture blog): delay = random(0, min(cap, base·2^attempt)).
 * Spreading reconnects over the whole window is what stops a fleet of connections that
 * dropped together from reconnecting together.
 */
export function fullJitterDelay(
  attempt: number,
  policy: BackoffPolicy,
  random: RandomSource,
): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(attempt, 40));
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.floor(r * ceiling);
}
