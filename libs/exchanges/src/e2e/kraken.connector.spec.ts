import { afterEach, describe, expect, it } from 'vitest';
import { krakenProtocol } from '../kraken/kraken.protocol';
import { ConnectorProbe, sleep, until } from './connector.probe';
import { EmulatorProcess } from './emulator.process';

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

describe(
  'kraken v2 connector against the emulator (checksum-only books)',
  { timeout: 20_000 },
  () => {
    it('bad checksum on one symbol: only that symbol resyncs, a status names it, the connection stays', async () => {
      const symbols = [
        { symbol: 'BTC-USD', nativeSymbol: 'BTC/USD' },
        { symbol: 'ETH-USD', nativeSymbol: 'ETH/USD' },
      ];
      const emu = await EmulatorProcess.start({
        exchanges: ['kraken'],
        symbols: symbols.map((s) => s.symbol),
        rate: 100,
        pingIntervalMs: 200,
      });
      cleanup.push(() => emu.stop());
      const probe = new ConnectorProbe(
        krakenProtocol({ urls: emu.urls.kraken, maxSilenceMs: 1000 }),
        symbols,
        ['trade', 'book'],
      );
      cleanup.push(() => probe.stop());
      probe.start();
      await until(
        () => symbols.every((s) => probe.snapshots.get(s.symbol) === 1),
        5000,
        'snapshots',
      );
      await until(() => probe.tradeIds('ETH-USD').length > 10, 5000, 'trades');
      expect(probe.connector.metrics.checksumFailures).toBe(0);

      // Kraken books carry no sequence: the suppressed steps can only show as a checksum miss.
      await emu.fault({ exchange: 'kraken', kind: 'gap', symbol: 'BTC-USD', count: 40 });
      await until(() => probe.snapshots.get('BTC-USD') === 2, 5000, 'BTC resync snapshot');
      await until(
        () => probe.status.some((s) => s.symbol === 'BTC-USD' && s.state === 'live'),
        5000,
        `BTC live again: ${JSON.stringify(probe.status.map((s) => [s.symbol, s.state, s.reason]))}`,
      );
      const failuresAfterResync = probe.connector.metrics.checksumFailures;
      await sleep(500);
      probe.stop();

      const resync = probe.status.find((s) => s.state === 'resync');
      expect(resync?.symbol).toBe('BTC-USD');
      expect(resync?.reason).toMatch(/checksum mismatch/);
      const m = probe.connector.metrics;
      expect(m.checksumFailures).toBe(1);
      expect(failuresAfterResync).toBe(1); // the resynced book checks out again
      expect(m.connectionsOpened).toBe(1);
      expect(probe.snapshots.get('ETH-USD')).toBe(1);
      expect(probe.status.filter((s) => s.symbol === 'ETH-USD')).toEqual([]);
      const eth = probe.tradeIds('ETH-USD');
      const log = (await emu.truth('kraken', 'ETH-USD')).tradeLog;
      const sent = log.filter((id) => id >= Math.min(...eth) && id <= Math.max(...eth));
      expect(sent.filter((id) => !eth.includes(id))).toEqual([]);
    });
  },
);
