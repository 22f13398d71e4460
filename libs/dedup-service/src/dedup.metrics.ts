import type { TransactionalProcessor } from '@feedgate/bus';
import { Counter, Gauge, Registry } from 'prom-client';
import type { DedupEngine } from './engine/dedup.engine';
import type { DedupCounters } from './engine/dedup.counters';

/** Prometheus view of one dedup instance (own registry); numbers are read at scrape time. */
export class DedupMetrics {
  readonly registry = new Registry();

  constructor(
    engine: DedupEngine,
    processor: TransactionalProcessor,
    labels: Record<string, string>,
  ) {
    this.registry.setDefaultLabels(labels);
    const registers = [this.registry];
    const counter = (name: string, help: string, read: () => number): void => {
      new Counter({
        name,
        help,
        registers,
        collect() {
          this.reset();
          this.inc(read());
        },
      });
    };
    const c = (pick: (x: DedupCounters) => number) => () => pick(engine.counters);
    new Gauge({
      name: 'dedup_input_lag_records',
      help: 'md.raw records behind the high watermark (grows when dedup is the bottleneck)',
      registers,
      collect() {
        this.set(processor.stats().inputLag ?? 0);
      },
    });
    counter(
      'dedup_frames_in_total',
      'md.raw frames consumed',
      c((x) => x.framesIn),
    );
    counter(
      'dedup_bad_frames_total',
      'md.raw frames or events that could not be decoded',
      c((x) => x.badFrames),
    );
    counter(
      'dedup_events_in_total',
      'Event copies consumed (both replicas)',
      c((x) => x.eventsIn),
    );
    counter(
      'dedup_events_out_total',
      'Events written to md.unified',
      c((x) => x.eventsOut),
    );
    counter(
      'dedup_duplicates_dropped_total',
      'Later copies dropped',
      c((x) => x.duplicates),
    );
    counter(
      'dedup_book_events_withheld_total',
      'Book snapshots older than delivered deltas, and deltas inside a delivered snapshot',
      c((x) => x.booksWithheld),
    );
    counter(
      'dedup_gap_events_total',
      'Both-replicas-down gap statuses written',
      c((x) => x.gapEvents),
    );
    counter(
      'dedup_raw_frame_holes_total',
      'md.raw frame sequence holes per replica',
      c((x) => x.rawFrameHoles),
    );
    counter(
      'dedup_raw_frame_repeats_total',
      'md.raw frames repeated per replica',
      c((x) => x.rawFrameRepeats),
    );
    counter(
      'dedup_window_rebuilds_total',
      'Window rebuilds from md.unified',
      c((x) => x.rebuilds),
    );
    counter(
      'dedup_txn_committed_total',
      'Transactions committed',
      () => processor.stats().committed,
    );
    counter('dedup_txn_aborted_total', 'Transactions aborted', () => processor.stats().aborted);
    new Counter({
      name: 'dedup_wins_total',
      help: 'First copies by the replica that won the race',
      labelNames: ['replica'],
      registers,
      collect() {
        this.reset();
        this.inc({ replica: 'A' }, engine.counters.winsA);
        this.inc({ replica: 'B' }, engine.counters.winsB);
      },
    });
    new Counter({
      name: 'dedup_seen_only_from_total',
      help: 'Events that left the window seen from one replica only',
      labelNames: ['replica'],
      registers,
      collect() {
        this.reset();
        const o = engine.onlyFrom();
        this.inc({ replica: 'A' }, o.a);
        this.inc({ replica: 'B' }, o.b);
      },
    });
    new Gauge({
      name: 'dedup_window_size',
      help: 'Event ids held in the dedup windows',
      registers,
      collect() {
        this.set(engine.windowSize());
      },
    });
    new Gauge({
      name: 'dedup_last_rebuild_ms',
      help: 'Duration of the last window rebuild',
      registers,
      collect() {
        this.set(engine.counters.lastRebuildMs);
      },
    });
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }
}
