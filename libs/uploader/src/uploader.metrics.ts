/**
 * Plain counters of one uploader: a scrape (Prometheus, health) reads them; the hot path only
 * increments. Latency is kept as count/sum/max plus the last value (a histogram belongs to the
 * metrics exporter, which may sample `lastPublishLatencyMs` or wrap `onPublished`).
 */
export class UploaderMetrics {
  eventsIn = 0;
  framesOut = 0;
  eventsOut = 0;
  bytesOut = 0;
  statusFramesOut = 0;
  deadLettersOut = 0;
  publishCalls = 0;
  publishErrors = 0;
  publishRetries = 0;
  /** Events refused because the pending bound was reached (see UploaderOptions overflow policy). */
  droppedOverflow = 0;
  /** Events or records discarded because the bus refused them for good or closed. */
  droppedUnpublishable = 0;
  /** Events that could not be encoded (never expected from a parser; counted, not thrown). */
  encodeErrors = 0;
  publishLatencyCount = 0;
  publishLatencySumMs = 0;
  publishLatencyMaxMs = 0;
  lastPublishLatencyMs = 0;

  recordLatency(ms: number): void {
    this.publishLatencyCount++;
    this.publishLatencySumMs += ms;
    this.lastPublishLatencyMs = ms;
    if (ms > this.publishLatencyMaxMs) this.publishLatencyMaxMs = ms;
  }

  snapshot(): Record<string, number> {
    return Object.fromEntries(Object.entries(this)) as Record<string, number>;
  }
}
