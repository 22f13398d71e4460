import { CodecError, FrameEncoder } from '@feedgate/codec';
import type { UnifiedEvent } from '@feedgate/core';

/** Below Kafka's default 1 MB record limit (the bus refuses larger records). */
const MAX_FRAME_BYTES = 900_000;
const MAX_FRAME_EVENTS = 10_000;
/** Frame sequences remembered per framer (one per key); oldest key forgotten beyond. */
const MAX_KEYS = 1_000_000;

/**
 * Re-frames surviving events per key for md.unified. Header: origin `dedup-<instance>`; epoch =
 * when this partition state was (re)built (a fresh epoch after every rebuild, so a consumer sees
 * frame sequences contiguous per (key, epoch), never a hole); frame sequence per key from 0.
 * The codec requires replica A|B; md.unified frames always say 'A' (meaningless there).
 */
export class UnifiedFramer {
  private static lastEpoch = 0;
  readonly epoch: number;
  private readonly seqs = new Map<string, number>();

  constructor(
    readonly origin: string,
    private readonly encoder: FrameEncoder,
  ) {
    this.epoch = UnifiedFramer.lastEpoch = Math.max(Date.now(), UnifiedFramer.lastEpoch + 1);
  }

  /** One or more frames holding `events` in order. Unencodable events are skipped and counted. */
  frames(key: string, events: readonly UnifiedEvent[], onSkip: () => void): Buffer[] {
    const out: Buffer[] = [];
    let i = 0;
    while (i < events.length) {
      this.encoder.begin(this.header(key, events[i].ts));
      let n = 0;
      for (; i < events.length && n < MAX_FRAME_EVENTS; i++) {
        try {
          this.encoder.add(events[i]);
          n++;
        } catch (err) {
          if (n > 0 && isSizeLimit(err)) break;
          onSkip();
        }
      }
      if (n === 0) {
        this.encoder.abort();
        continue;
      }
      out.push(this.encoder.finish());
      this.bump(key);
    }
    return out;
  }

  private header(key: string, firstEventTime: number) {
    return {
      gateId: this.origin,
      replica: 'A' as const,
      epoch: this.epoch,
      frameSeq: this.seqs.get(key) ?? 0,
      firstEventTime,
    };
  }

  private bump(key: string): void {
    const next = (this.seqs.get(key) ?? 0) + 1;
    if (!this.seqs.has(key) && this.seqs.size >= MAX_KEYS) {
      this.seqs.delete(this.seqs.keys().next().value as string);
    }
    this.seqs.set(key, next);
  }
}

function isSizeLimit(err: unknown): boolean {
  return (
    err instanceof CodecError && (err.code === 'FRAME_TOO_LARGE' || err.code === 'LIMIT_EXCEEDED')
  );
}
