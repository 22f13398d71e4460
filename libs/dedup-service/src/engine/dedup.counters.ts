/** Plain counters the engine increments on hot paths; read by the Prometheus view at scrape time. */
export class DedupCounters {
  framesIn = 0;
  badFrames = 0;
  eventsIn = 0;
  eventsOut = 0;
  duplicates = 0;
  winsA = 0;
  winsB = 0;
  /** Ids that left a window seen from one replica only (summed over windows at reset too). */
  onlyA = 0;
  onlyB = 0;
  gapEvents = 0;
  /** Book events withheld: stale snapshots, deltas inside a delivered snapshot (BookSnapshotPolicy). */
  booksWithheld = 0;
  /** md.raw frame-sequence holes / repeats within one (key, replica, epoch). */
  rawFrameHoles = 0;
  rawFrameRepeats = 0;
  encodeErrors = 0;
  rebuilds = 0;
  lastRebuildMs = 0;
  rebuiltEvents = 0;
}
