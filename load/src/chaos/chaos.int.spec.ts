import { describe, expect, it } from 'vitest';
import { DEFAULT_CHAOS } from './chaos.options';
import { runChaos } from './chaos.runner';

// The short chaos run (npm test): its own broker on its own port and data dir, so the broker
// restart never disturbs the broker the other integration tests share.
describe('chaos (short): gate A crashes, one-replica faults, dedup crash, broker restart', () => {
  it('loses nothing and duplicates nothing in md.unified', async () => {
    const lines: string[] = [];
    const outcome = await runChaos({
      ...DEFAULT_CHAOS,
      durationSec: 30,
      exchanges: ['binance', 'okx', 'coinbase'],
      symbols: ['BTC-USDT', 'ETH-USDT'],
      rate: 20,
      gateKills: 2,
      faultEveryMs: 1200,
      settleMs: 6000,
      log: (line) => lines.push(line),
    });
    const { result, counts } = outcome;
    const context = `${JSON.stringify(result)} ${JSON.stringify(counts)} logs ${outcome.logDir}\n${lines.join('\n')}`;
    // The chaos really happened …
    expect(counts.gateKills, context).toBeGreaterThanOrEqual(1);
    expect(counts.dedupKills, context).toBe(1);
    expect(counts.brokerRestarts, context).toBe(1);
    expect(counts.faults, context).toBeGreaterThan(0);
    // … and the client-side promise held.
    expect(result.expected, context).toBeGreaterThan(100);
    expect(result.lost, context).toBe(0);
    expect(result.duplicates, context).toBe(0);
    expect(result.delivered, context).toBe(result.expected);
    expect(outcome.detail.unexpected, context).toBe(0);
  }, 240_000);
});
