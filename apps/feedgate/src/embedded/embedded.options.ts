/** What the all-in-one app runs in one process (parsed once by AppConfig). */
export interface EmbeddedOptions {
  /** Exchanges served by the emulator and connected by gates A and B. */
  readonly exchanges: readonly string[];
  /** Normalized symbols on every exchange. */
  readonly symbols: readonly string[];
  /** Emulated market steps per second per symbol. */
  readonly ratePerSymbol: number;
  readonly seed: number;
  /** Seconds between the progress log lines. */
  readonly logEverySec: number;
}
