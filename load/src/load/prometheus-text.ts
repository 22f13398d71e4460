/**
 * Sums every sample of `metric` in a Prometheus text exposition (all label sets), optionally
 * only those whose labels contain `labelFilter` (e.g. `replica="A"`). 0 when absent.
 */
export function sumMetric(text: string, metric: string, labelFilter?: string): number {
  let sum = 0;
  for (const line of text.split('\n')) {
    if (line.startsWith('#') || !line.startsWith(metric)) continue;
    const rest = line.slice(metric.length);
    // Exact name only: `foo_total` must not match `foo_total_bar`.
    if (rest[0] !== '{' && rest[0] !== ' ') continue;
    if (labelFilter !== undefined && !rest.includes(labelFilter)) continue;
    const value = Number(line.slice(line.lastIndexOf(' ') + 1));
    if (Number.isFinite(value)) sum += value;
  }
  return sum;
}

/** GET a /metrics page; '' when the process does not answer (it may be busy or gone). */
export async function scrape(url: string, timeoutMs = 3000): Promise<string> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    return res.ok ? await res.text() : '';
  } catch {
    return '';
  }
}
