import { FrameEncoder, type Replica } from '@feedgate/codec';
import { DedupWindow, type DedupWindowOptions } from '@feedgate/dedup';
import { BookSnapshotPolicy } from './book-snapshot.policy';
import { GapDetector } from './gap.detector';
import { UnifiedFramer } from './unified.framer';

/** Everything the service derives from one input partition; rebuilt whole on assignment/abort. */
export class PartitionState {
  readonly window: DedupWindow;
  readonly gaps: GapDetector;
  readonly framer: UnifiedFramer;
  readonly books: BookSnapshotPolicy;
  /** Next expected md.raw frame sequence per `key|replica`, with its epoch. */
  readonly rawSeq = new Map<string, { epoch: number; next: number }>();

  constructor(
    windowOptions: DedupWindowOptions,
    private readonly maxKeys: number,
    origin: string,
    encoder: FrameEncoder,
  ) {
    this.window = new DedupWindow(windowOptions);
    this.gaps = new GapDetector(maxKeys);
    this.books = new BookSnapshotPolicy({ maxKeys });
    this.framer = new UnifiedFramer(origin, encoder);
  }

  /** 1 = hole, -1 = repeat, 0 = in order (or a new epoch). */
  frameContinuity(key: string, replica: Replica, epoch: number, frameSeq: number): number {
    const id = `${key}|${replica}`;
    const prev = this.rawSeq.get(id);
    if (!prev && this.rawSeq.size >= this.maxKeys * 2) {
      this.rawSeq.delete(this.rawSeq.keys().next().value as string);
    }
    this.rawSeq.set(id, { epoch, next: frameSeq + 1 });
    if (!prev || prev.epoch !== epoch) return 0;
    if (frameSeq > prev.next) return 1;
    if (frameSeq < prev.next) {
      this.rawSeq.set(id, prev); // keep the high mark
      return -1;
    }
    return 0;
  }
}
