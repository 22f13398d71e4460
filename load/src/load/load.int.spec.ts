import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSymbols, type LoadOptions } from './load.options';
import { LoadRunner } from './load.runner';

// Uses KAFKA_BROKERS (the integration project's broker) when set, else starts its own.
describe('npm run load (smoke)', () => {
  it('runs the whole topology at a tiny rate and loses nothing', async () => {
    const opts: LoadOptions = {
      rate: 200,
      durationSec: 6,
      warmupSec: 4,
      exchanges: ['binance', 'okx'],
      symbols: loadSymbols(2),
      gatesPerReplica: 1,
      clients: 1,
      seed: 11,
      json: true,
      findMax: false,
      steps: [],
      reportDir: mkdtempSync(join(tmpdir(), 'feedgate-load-spec-')),
      reportName: 'load',
      budgetMs: 500,
    };
    const runner = new LoadRunner(opts, () => undefined);
    try {
      await runner.start();
      const step = await runner.runStep(opts.rate, opts.durationSec, 0);
      expect(step.expectedTrades).toBeGreaterThan(0);
      expect(step.lost).toBe(0);
      expect(step.duplicates).toBe(0);
      expect(step.latencyToUnifiedMs.count).toBeGreaterThan(0);
      expect(step.stages.gatesPublishedA).toBeGreaterThan(0);
      expect(step.stages.gatesPublishedB).toBeGreaterThan(0);
      expect(step.processes.map((p) => p.name)).toEqual(
        expect.arrayContaining(['emulator', 'gate-a0', 'gate-b0', 'dedup', 'gateway']),
      );
    } finally {
      await runner.stop();
    }
  }, 60_000);
});
