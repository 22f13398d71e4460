import type { FaultRequest } from './faults/fault-request';
import type { ScenarioRequest } from './scenarios/scenario-request';

export interface EmulatorOptions {
  /** Exchange ids to serve (`binance`, `binance-futures`, …). */
  readonly exchanges: readonly string[];
  /** Normalized symbols (`BTC-USDT`); each exchange serves them under its native names. */
  readonly symbols: readonly string[];
  /** Market steps (trades + book updates) per second per symbol. Default 10. */
  readonly ratePerSymbol?: number;
  /**
   * Per-symbol rate overrides by normalized symbol (`{ 'ETH-USDT': 0 }` = a quiet market that
   * only heartbeats), on every exchange served. Symbols not named use `ratePerSymbol`.
   */
  readonly rates?: Readonly<Record<string, number>>;
  /** Same seed → same prices, trades, books and sequence numbers. Default 42. */
  readonly seed?: string | number;
  /**
   * Added to every symbol's first trade id, book sequence and update id (default 0). Real ids
   * only ever grow; an emulator restarted with another seed would otherwise start inside the
   * range of its predecessor, and a dedup window still holding those ids rightly drops the
   * "repeats". The load harness gives each rate step its own base.
   */
  readonly idBase?: number;
  /** 0 (default): the OS picks every port. Otherwise control = port, exchanges = port+1, +2, … */
  readonly port?: number;
  readonly host?: string;
  /** Market clock period; events are batched per tick. Default 50 ms. */
  readonly tickMs?: number;
  /** Order-book levels per side. Default 20. */
  readonly depth?: number;
  /** Server heartbeat interval (Binance ping frames); default: each exchange's own. */
  readonly pingIntervalMs?: number;
  /** Cap of the per-symbol trade-id log in the ground truth. Default 100,000. */
  readonly tradeLogCap?: number;
  /** Faults applied right after start (CLI `--fault`). */
  readonly faults?: readonly FaultRequest[];
  /** Market scenarios queued right after start (CLI `--scenario`; `delayMs` defers them). */
  readonly scenarios?: readonly ScenarioRequest[];
}

export interface ExchangeUrls {
  /** WebSocket base URL (append the exchange's path, e.g. `/stream` or `/ws`). */
  readonly ws: string;
  /** REST base URL (append e.g. `/api/v3/depth?symbol=BTCUSDT&limit=100`). */
  readonly rest: string;
}
