import type { LostTrades } from './loss.count';
export interface LatencySummary {
  readonly p50: number;
  readonly p99: number;
  readonly p999: number;
  readonly max: number;
  readonly count: number;
}

export interface ProcessResult {
  readonly name: string;
  readonly role: string;
  /** CPU seconds (user + system) used during the measured window. */
  readonly cpuSec: number;
  /** CPU seconds per million unified events that reached md.unified in the window. */
  readonly cpuSecPerMillion: number;
  /** Cores this process needs per 100,000 events/s (= cpuSecPerMillion / 10). */
  readonly coresPer100k: number;
  readonly peakRssMb: number;
}

/** Events per second at each stage over the measured window. */
export interface StageRates {
  /** Events the emulator put on the wire, as parsed by the fuller replica's gates. */
  readonly emulatorEmitted: number;
  /** gate_events_out_total, replicas A + B (2× the market: both replicas publish). */
  readonly gatesPublished: number;
  readonly gatesPublishedA: number;
  readonly gatesPublishedB: number;
  /** gate_events_dropped_total: events the gates' uploaders refused at their bound (shed). */
  readonly gatesShed: number;
  /** dedup_events_in_total: event copies dedup consumed (both replicas). */
  readonly dedupIn: number;
  /** dedup_events_out_total. */
  readonly dedupOut: number;
  /** Events our read_committed md.unified consumer received. */
  readonly unifiedSeen: number;
  /** feedgate_gateway_messages_sent_total (all clients; the clients take trades only). */
  readonly gatewayDelivered: number;
  /** Trade messages per second received by each load client. */
  readonly gatewayPerClient: number;
  /** md.raw records (frames) dedup had not processed at the start and the end of the window. */
  readonly dedupBacklogStart: number;
  readonly dedupBacklogEnd: number;
}

export interface TimelinePoint {
  readonly t: number;
  readonly rate: number;
  readonly p99UnifiedMs: number;
  readonly p99GatewayMs: number;
}

export interface StepResult {
  readonly targetRate: number;
  readonly stepsPerSymbol: number;
  readonly durationSec: number;
  readonly achievedRate: number;
  readonly stages: StageRates;
  /** Emission → gateway WebSocket client (trades). */
  readonly latencyMs: LatencySummary;
  /** Emission → md.unified consumer (every event). */
  readonly latencyToUnifiedMs: LatencySummary;
  /** The md.unified latency split by stage (see UnifiedProbe.stages). */
  readonly stageLatencyMs: {
    readonly exchangeToGate: LatencySummary;
    readonly gateToDedup: LatencySummary;
    readonly dedupToConsumer: LatencySummary;
  };
  readonly expectedTrades: number;
  readonly deliveredTrades: number;
  readonly lost: number;
  /** Where the lost trades were: `exchange:symbol` → count and the lost ids vs the last sent. */
  readonly lostBy?: Readonly<Record<string, LostTrades>>;
  readonly duplicates: number;
  /**
   * Growth of the incident counters (reconnects, gaps, shed events, aborted transactions, frame
   * holes…) from the start of the window to the end of the drain; only those that grew.
   */
  readonly incidents?: Readonly<Record<string, number>>;
  readonly badFrames: number;
  readonly clientDisconnects: number;
  readonly processes: ProcessResult[];
  readonly timeline: TimelinePoint[];
  readonly pass: boolean;
  /** Ran out of CPU (latency over budget or a hop fell behind): see StepVerdict. */
  readonly saturated: boolean;
  readonly failReasons: string[];
}
