const SAMPLES = 512;

/** Recent latency samples of one exchange, in a fixed ring (bounded memory). */
class Ring {
  readonly total = new Float64Array(SAMPLES);
  readonly toGate = new Float64Array(SAMPLES);
  readonly fromGate = new Float64Array(SAMPLES);
  size = 0;
  next = 0;
  count = 0;
}

export interface LatencyRow {
  readonly exchange: string;
  readonly events: number;
  readonly toGateP50: number;
  readonly fromGateP50: number;
  readonly totalP50: number;
  readonly totalP99: number;
}

/**
 * End-to-end latency as this browser sees it, per exchange: exchange time → gate receipt
 * (`localTs − ts`), gate receipt → here (`now − localTs`) and the sum. One machine's clock for
 * the last two legs in `npm start`; across machines they include clock skew.
 */
export class LatencyTracker {
  private readonly rings = new Map<string, Ring>();

  record(exchange: string, ts: number, localTs: number, now: number): void {
    if (!Number.isFinite(ts) || !Number.isFinite(localTs)) return;
    let ring = this.rings.get(exchange);
    if (!ring) {
      if (this.rings.size >= 256) return; // bound: a desk watches tens of venues, not thousands
      ring = new Ring();
      this.rings.set(exchange, ring);
    }
    const i = ring.next;
    ring.total[i] = now - ts;
    ring.toGate[i] = localTs - ts;
    ring.fromGate[i] = now - localTs;
    ring.next = (i + 1) % SAMPLES;
    ring.size = Math.min(SAMPLES, ring.size + 1);
    ring.count++;
  }

  rows(): LatencyRow[] {
    return [...this.rings]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([exchange, r]) => ({
        exchange,
        events: r.count,
        toGateP50: pct(r.toGate, r.size, 0.5),
        fromGateP50: pct(r.fromGate, r.size, 0.5),
        totalP50: pct(r.total, r.size, 0.5),
        totalP99: pct(r.total, r.size, 0.99),
      }));
  }
}

function pct(values: Float64Array, size: number, q: number): number {
  if (size === 0) return NaN;
  const sorted = values.slice(0, size).sort();
  return sorted[Math.min(size - 1, Math.floor(q * size))];
}
