export const FAULT_KINDS = [
  'disconnect',
  'stall',
  'gap',
  'duplicate',
  'malformed',
  'huge',
  'rate-limit',
  'error',
  'refuse',
] as const;

export type FaultKind = (typeof FAULT_KINDS)[number];

/** Body of `POST /control/faults` and of the CLI `--fault` flag. */
export interface FaultRequest {
  readonly exchange: string;
  readonly kind: FaultKind;
  /** Normalized (`BTC-USDT`) or native symbol: limits the fault to it where that makes sense. */
  readonly symbol?: string;
  /** Only connections opened with this `?replica=` tag (e.g. `A`): one replica, not both. */
  readonly replica?: string;
  readonly durationMs?: number;
  readonly count?: number;
  /** Size of a `huge` frame (default 2 MiB). */
  readonly bytes?: number;
}

export interface FaultResult {
  readonly exchange: string;
  readonly kind: FaultKind;
  /** Connections the fault acted on (or symbols, for `gap`). */
  readonly affected: number;
}
