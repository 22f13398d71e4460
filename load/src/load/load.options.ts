/** The six exchanges the gate has connectors for, in the order `--exchanges N` takes them. */
export const LOAD_EXCHANGES = ['binance', 'okx', 'bybit', 'coinbase', 'kraken', 'binance-futures'];

const BASES = (
  'BTC ETH SOL BNB XRP ADA DOGE AVAX DOT LINK LTC TRX MATIC ATOM UNI ETC XLM BCH FIL APT ' +
  'ARB OP NEAR ICP HBAR VET ALGO AAVE SAND MANA AXS EGLD THETA XTZ EOS FLOW CHZ GRT CRV SNX ' +
  'LDO RNDR INJ SUI SEI TIA PEPE SHIB WIF BONK JUP PYTH STRK IMX GALA ENS COMP MKR YFI ZEC ' +
  'DASH KSM RUNE CAKE'
).split(' ');

/** The first n synthetic `BASE-USDT` symbols (the emulator prices unknown bases itself). */
export function loadSymbols(n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(i < BASES.length ? `${BASES[i]}-USDT` : `SYM${i}-USDT`);
  return out;
}

export interface LoadOptions {
  readonly rate: number;
  readonly durationSec: number;
  readonly warmupSec: number;
  readonly exchanges: readonly string[];
  readonly symbols: readonly string[];
  readonly gatesPerReplica: number;
  readonly clients: number;
  readonly seed: number;
  readonly json: boolean;
  readonly findMax: boolean;
  /** --find-max rates, events/s. */
  readonly steps: readonly number[];
  readonly reportDir: string;
  /** Where the report files go: `<reportDir>/<name>.json|md|svg`. */
  readonly reportName: string;
  /** p99.9 budget for a pass, ms. */
  readonly budgetMs: number;
  /** --find-max: bisection steps after the first failure (0 = stop at it). */
  readonly refineSteps?: number;
  /** --find-max --sweep: every step runs, pass or fail (the capacity fit wants several rates). */
  readonly sweep?: boolean;
  /** Unmeasured traffic before the first step, seconds (JIT warm-up of a fresh broker). */
  readonly warmBrokerSec?: number;
}
