import type { ScenarioKind } from '../market/market-scenario';

/** Body of `POST /control/scenarios` and of the CLI `--scenario` flag. */
export interface ScenarioRequest {
  readonly exchange: string;
  readonly kind: ScenarioKind;
  /** Normalized (`BTC-USDT`) or native symbol; default every symbol of the exchange. */
  readonly symbol?: string;
  /** Start this long after the request (a CLI scenario can wait for clients). Default 0. */
  readonly delayMs?: number;
  /** Timed scenarios (all but `wash-trades`). Default 5000. */
  readonly durationMs?: number;
  /** `price-spike`: how far the book moves, in basis points of the mid (±). Default 500. */
  readonly bps?: number;
  /** `crossed-book`: how far the injected bid is above the best ask, in ticks. Default 5. */
  readonly ticks?: number;
  /** `volume-spike`: multiple of the usual market steps, the extra ones all trades. Default 10. */
  readonly factor?: number;
  /** `wash-trades`: trades of one size at one price. Default 6. */
  readonly count?: number;
}

export interface ScenarioResult {
  readonly exchange: string;
  readonly kind: ScenarioKind;
  /** Normalized symbols the scenario was queued on. */
  readonly symbols: readonly string[];
  /** Epoch ms from which it starts (at the next market tick). */
  readonly startsAt: number;
}
