/** What one chaos run does; the CLI and the integration specs fill it. */
export interface ChaosOptions {
  /** Chaos phase length, seconds (faults happen inside it; warm-up and settle come on top). */
  readonly durationSec: number;
  readonly exchanges: readonly string[];
  readonly symbols: readonly string[];
  /** Emulator market steps per second per symbol (2-core boxes: keep the total modest). */
  readonly rate: number;
  readonly seed: number;
  /** Times gate A is killed with SIGKILL and restarted during the run. */
  readonly gateKills: number;
  /** Kill dedup with SIGKILL once (and restart it). */
  readonly dedupKill: boolean;
  /** Restart the (harness-owned) Kafka broker once. */
  readonly brokerRestart: boolean;
  /** Mean pause between random emulator faults (disconnect/stall on one replica), ms. */
  readonly faultEveryMs: number;
  /** Quiet time after the last fault before the ground truth is frozen, ms. */
  readonly settleMs: number;
  readonly log: (line: string) => void;
}

/** The six exchanges the gate knows, each with the emulator path its connector dials. */
export const CHAOS_WS_PATHS: Readonly<Record<string, string>> = {
  binance: '/stream',
  'binance-futures': '/stream',
  okx: '/ws/v5/public',
  bybit: '/v5/public/spot',
  coinbase: '/',
  kraken: '/v2',
};

/**
 * Exchanges whose emulated instruments are perpetual swaps. The emulator's ground truth names
 * them by the spot-form symbol it was started with (`BTC-USDT`); md.unified carries the
 * normalized perp symbol (`BTC-USDT-PERP`, DESIGN.md "Symbols").
 */
const PERP_EXCHANGES: ReadonlySet<string> = new Set(['binance-futures']);

/** The symbol md.unified uses for the emulator's `symbol` on `exchange`. */
export function unifiedSymbol(exchange: string, symbol: string): string {
  return PERP_EXCHANGES.has(exchange) && !symbol.endsWith('-PERP') ? `${symbol}-PERP` : symbol;
}

export const DEFAULT_CHAOS: Omit<ChaosOptions, 'log'> = {
  durationSec: 60,
  exchanges: Object.keys(CHAOS_WS_PATHS),
  symbols: ['BTC-USDT', 'ETH-USDT', 'SOL-USDT'],
  rate: 30,
  seed: 7,
  gateKills: 3,
  dedupKill: true,
  brokerRestart: true,
  faultEveryMs: 1500,
  settleMs: 8000,
};
