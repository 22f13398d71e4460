import { Decimal, type AlertEvent, type TradeEvent } from '@feedgate/core';
import { decimalOf } from '../util/decimal-stats';
import { VenueMap } from '../util/venue-map';
import type { AlertConfig } from './alert.config';
import { makeAlert } from './alert-factory';
import { NO_ALERTS, type DetectorPort } from './anomaly-detector.port';

interface Series {
  bucket: number;
  volume: Decimal;
  /** Trailing bucket volumes, oldest first, at most trailingBuckets. */
  readonly trailing: Decimal[];
  alerted: boolean;
  /** Σ trailing and multiplier × Σ trailing, computed once per bucket (null: not yet). */
  trailingSum: { readonly sum: Decimal; readonly limit: Decimal } | null;
}

/**
 * Volume of the current bucket (exchange time) above multiplier × the average of the trailing
 * buckets, per exchange+symbol. Checked as volume × n > multiplier × Σtrailing, exactly. Empty
 * buckets count as zero (a market waking up from silence is a spike). One alert per bucket.
 * Late trades (older than the current bucket) are ignored here: they cannot make "now" spike.
 */
export class VolumeSpikeDetector implements DetectorPort {
  private readonly series = new VenueMap<Series>();
  private readonly multiplier: Decimal;

  constructor(
    private readonly cfg: AlertConfig['volumeSpike'],
    private readonly maxKeys: number,
  ) {
    this.multiplier = decimalOf(cfg.multiplier);
  }

  onTrade(t: TradeEvent, _nowMs: number): readonly AlertEvent[] {
    if (t.amount.sign() <= 0) return NO_ALERTS;
    const bucket = Math.floor(t.ts / this.cfg.bucketMs) * this.cfg.bucketMs;
    let s = this.series.get(t.exchange, t.symbol);
    if (s === undefined) {
      if (this.series.size >= this.maxKeys) return NO_ALERTS;
      s = {
        bucket,
        volume: Decimal.ZERO,
        trailing: [],
        alerted: false,
        trailingSum: null,
      };
      this.series.set(t.exchange, t.symbol, s);
    }
    if (bucket < s.bucket) return NO_ALERTS;
    if (bucket > s.bucket) this.roll(s, bucket);
    s.volume = s.volume.add(t.amount);
    const n = s.trailing.length;
    if (s.alerted || n < this.cfg.minHistoryBuckets) return NO_ALERTS;
    // The trailing buckets change only on a roll: sum them once per bucket, not per trade.
    if (s.trailingSum === null) {
      let total = Decimal.ZERO;
      for (const v of s.trailing) total = total.add(v);
      s.trailingSum = { sum: total, limit: this.multiplier.mul(total) };
    }
    const { sum, limit } = s.trailingSum;
    if (sum.isZero() || !s.volume.mul(Decimal.fromInt(n)).gt(limit)) return NO_ALERTS;
    s.alerted = true;
    const avg = sum.div(Decimal.fromInt(n), 8, 'half-even').normalize();
    const detail = `${t.exchange} ${t.symbol} volume ${s.volume} in the current ${this.cfg.bucketMs} ms bucket > ${this.cfg.multiplier} × trailing average ${avg} (${n} buckets)`;
    return [makeAlert('volume-spike', 'warning', t, detail)];
  }

  private roll(s: Series, bucket: number): void {
    const max = this.cfg.trailingBuckets;
    s.trailing.push(s.volume);
    // Buckets without trades in between count as zero volume (at most `max` of them matter).
    const gap = Math.min(max, (bucket - s.bucket) / this.cfg.bucketMs - 1);
    for (let i = 0; i < gap; i++) s.trailing.push(Decimal.ZERO);
    if (s.trailing.length > max) s.trailing.splice(0, s.trailing.length - max);
    s.bucket = bucket;
    s.volume = Decimal.ZERO;
    s.alerted = false;
    s.trailingSum = null;
  }
}
