/** Where and how fast a protocol adapter talks; every field overridable (emulator, tests). */
export interface ProtocolOptions {
  readonly urls?: {
    /**
     * WebSocket URL. A bare origin (`ws://127.0.0.1:4000`) keeps the exchange's own path
     * (`/stream`, `/ws/v5/public`); a URL with a path is used as it is.
     */
    readonly ws?: string;
    /** REST origin (`http://127.0.0.1:4000`): replaces the origin of the snapshot endpoint. */
    readonly rest?: string;
  };
  /** Client ping period (client-heartbeat exchanges); default the spec's. */
  readonly heartbeatIntervalMs?: number;
  /** Time a pong may take; default min(10 s, ping period). */
  readonly pongTimeoutMs?: number;
  /** A connection with no frame at all for this long is dead; default the spec's timeout. */
  readonly maxSilenceMs?: number;
  /** Levels asked of a REST snapshot; default 1000. */
  readonly snapshotDepth?: number;
}
