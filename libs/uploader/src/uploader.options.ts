import type { Replica } from '@feedgate/codec';
import { asyncScheduler, type SchedulerLike } from 'rxjs';
import { UploaderError } from './errors/uploader.error';

export interface UploaderOptions {
  /** Origin gate id written into every frame header. */
  readonly gateId: string;
  readonly replica: Replica;
  /** Largest encoded frame, bytes (default 64 KiB); a key's batch splits past it. */
  readonly maxFrameBytes?: number;
  /** A key's open frame is closed once it holds this many events (default 1000). */
  readonly maxFrameEvents?: number;
  /** How long a partly filled frame waits for more events of its key (default 5 ms). */
  readonly lingerMs?: number;
  /**
   * Bound on everything held (open frames + frames queued or in flight to the bus). When it is
   * reached `write` refuses events (counted in metrics.droppedOverflow) until half of it has
   * drained; pull-style producers wait on `whenWritable()` instead and lose nothing.
   */
  readonly maxPendingEvents?: number;
  readonly maxPendingBytes?: number;
  /** Most frames handed to one bus.publish call (default 500). */
  readonly maxRecordsPerPublish?: number;
  /** Retry pause after a transient publish failure: doubles from base to cap (100 ms..2 s). */
  readonly retryBaseMs?: number;
  readonly retryCapMs?: number;
  /** Timers (linger, retry) run on it; virtual-time tests pass their own. */
  readonly scheduler?: SchedulerLike;
}

export type ResolvedUploaderOptions = Required<UploaderOptions>;

const KIB = 1024;

export function resolveUploaderOptions(o: UploaderOptions): ResolvedUploaderOptions {
  const r: ResolvedUploaderOptions = {
    gateId: o.gateId,
    replica: o.replica,
    maxFrameBytes: o.maxFrameBytes ?? 64 * KIB,
    maxFrameEvents: o.maxFrameEvents ?? 1000,
    lingerMs: o.lingerMs ?? 5,
    maxPendingEvents: o.maxPendingEvents ?? 200_000,
    maxPendingBytes: o.maxPendingBytes ?? 64 * KIB * KIB,
    maxRecordsPerPublish: o.maxRecordsPerPublish ?? 500,
    retryBaseMs: o.retryBaseMs ?? 100,
    retryCapMs: o.retryCapMs ?? 2000,
    scheduler: o.scheduler ?? asyncScheduler,
  };
  if (typeof r.gateId !== 'string' || r.gateId === '') bad('gateId must be a non-empty string');
  if (r.replica !== 'A' && r.replica !== 'B')
    bad(`replica must be A or B, got ${String(r.replica)}`);
  const ints: [string, number, number][] = [
    ['maxFrameBytes', r.maxFrameBytes, 256],
    ['maxFrameEvents', r.maxFrameEvents, 1],
    ['lingerMs', r.lingerMs, 0],
    ['maxPendingEvents', r.maxPendingEvents, 1],
    ['maxPendingBytes', r.maxPendingBytes, 1],
    ['maxRecordsPerPublish', r.maxRecordsPerPublish, 1],
    ['retryBaseMs', r.retryBaseMs, 1],
    ['retryCapMs', r.retryCapMs, 1],
  ];
  for (const [name, v, min] of ints) {
    if (!Number.isSafeInteger(v) || v < min) bad(`${name} must be an integer ≥ ${min}, got ${v}`);
  }
  return r;
}

function bad(message: string): never {
  throw new UploaderError('UPLOADER_BAD_OPTIONS', message);
}
