/**
 * Plain counters of one exchange connector (shared by its shard actors). A plain object keeps
 * the hot path to an increment; the gateway's metrics module can read it on scrape.
 */
export class ConnectorMetrics {
  framesReceived = 0;
  eventsEmitted = 0;
  malformedFrames = 0;
  oversizedFrames = 0;
  connectionsOpened = 0;
  connectionsLost = 0;
  staleConnections = 0;
  heartbeatTimeouts = 0;
  staleChannels = 0;
  resubscribes = 0;
  gaps = 0;
  checksumFailures = 0;
  resyncs = 0;
  snapshotRequests = 0;
  snapshotFailures = 0;
  bufferOverflows = 0;
  outboundDropped = 0;

  snapshot(): Record<string, number> {
    return Object.fromEntries(Object.entries(this)) as Record<string, number>;
  }
}
