import type {
  ConnectorProtocol,
  ParseResult,
  ProtocolSession,
  SocketData,
} from '@feedgate/connector';
import { afterEach, describe, expect, it } from 'vitest';
import { okxProtocol } from '../okx/okx.protocol';
import { ConnectorProbe, sleep, until } from './connector.probe';
import { EmulatorProcess } from './emulator.process';

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

/** Counts the book frames that carried an exchange checksum for the connector to check. */
function countingChecksums(protocol: ConnectorProtocol): {
  protocol: ConnectorProtocol;
  n: () => number;
} {
  let n = 0;
  const wrapped: ConnectorProtocol = Object.assign(Object.create(protocol) as ConnectorProtocol, {
    createSession: (): ProtocolSession => {
      const session = protocol.createSession();
      return {
        parse: (frame: SocketData, localTs: number): ParseResult => {
          const r = session.parse(frame, localTs);
          if (r.kind === 'events' && r.checksum !== undefined) n += 1;
          return r;
        },
      };
    },
  });
  return { protocol: wrapped, n: () => n };
}

describe(
  'okx connector against the emulator (ws snapshots, seqId chain, CRC-32)',
  { timeout: 20_000 },
  () => {
    it('gap on one symbol: detected on the seqId chain, only that symbol resubscribes; every checksum matches', async () => {
      const symbols = [
        { symbol: 'BTC-USDT', nativeSymbol: 'BTC-USDT' },
        { symbol: 'ETH-USDT', nativeSymbol: 'ETH-USDT' },
      ];
      const emu = await EmulatorProcess.start({
        exchanges: ['okx'],
        symbols: symbols.map((s) => s.symbol),
        rate: 100,
      });
      cleanup.push(() => emu.stop());
      const counted = countingChecksums(
        okxProtocol({
          urls: emu.urls.okx,
          heartbeatIntervalMs: 200,
          pongTimeoutMs: 500,
          maxSilenceMs: 1000,
        }),
      );
      const probe = new ConnectorProbe(counted.protocol, symbols, ['trade', 'book']);
      cleanup.push(() => probe.stop());
      probe.start();
      await until(
        () => symbols.every((s) => probe.snapshots.get(s.symbol) === 1),
        5000,
        'snapshots',
      );
      await until(() => counted.n() > 20, 5000, 'checked deltas');

      await emu.fault({ exchange: 'okx', kind: 'gap', symbol: 'BTC-USDT', count: 5 });
      await until(() => probe.snapshots.get('BTC-USDT') === 2, 5000, 'BTC resync snapshot');
      const afterResync = counted.n();
      await until(() => counted.n() > afterResync + 20, 5000, 'checked deltas after resync');
      await sleep(200);
      probe.stop();

      const truth = await emu.truth('okx', 'BTC-USDT');
      const gap = probe.status.find((s) => s.state === 'gap');
      expect(gap?.symbol).toBe('BTC-USDT');
      expect(gap?.gaps).toEqual([
        { from: String(truth.bookGaps[0].from), to: String(truth.bookGaps[0].to) },
      ]);
      const m = probe.connector.metrics;
      // Every delta before and after the resync matched the emulator's CRC-32 of its top 25:
      // the maintained book equals the exchange's book after every update.
      expect(m.checksumFailures).toBe(0);
      expect(m.gaps).toBe(1);
      expect(m.resubscribes).toBe(1);
      expect(m.connectionsOpened).toBe(1);
      expect(probe.snapshots.get('ETH-USDT')).toBe(1);
      expect(probe.status.filter((s) => s.symbol === 'ETH-USDT')).toEqual([]);
      const eth = probe.tradeIds('ETH-USDT');
      const log = (await emu.truth('okx', 'ETH-USDT')).tradeLog;
      expect(log.filter((id) => id >= Math.min(...eth) && id <= Math.max(...eth))).toEqual(eth);
    });

    it('1,000 symbols are sharded over connections within the 480-per-connection limit', async () => {
      const symbols = Array.from({ length: 1000 }, (_, i) => {
        const s = `S${String(i).padStart(4, '0')}-USDT`;
        return { symbol: s, nativeSymbol: s };
      });
      const emu = await EmulatorProcess.start({
        exchanges: ['okx'],
        symbols: symbols.map((s) => s.symbol),
        rate: 1,
        tickMs: 100,
      });
      cleanup.push(() => emu.stop());
      const probe = new ConnectorProbe(
        okxProtocol({ urls: emu.urls.okx, heartbeatIntervalMs: 500, pongTimeoutMs: 2000 }),
        symbols,
        ['trade'],
      );
      cleanup.push(() => probe.stop());
      probe.start();
      const actors = probe.connector.actors;
      await until(() => actors.every((a) => a.state === 'live'), 10_000, 'all shards live');
      await until(() => new Set(probe.trades.map((t) => t.symbol)).size > 100, 10_000, 'trades');
      const status = (await emu.status()).exchanges[0];
      probe.stop();

      expect(actors).toHaveLength(3);
      for (const a of actors) expect(a.options.subscriptions.length).toBeLessThanOrEqual(480);
      expect(status.connections).toBe(3);
      expect(status.subscriptions).toBe(1000);
      expect(probe.connector.metrics.connectionsOpened).toBe(3);
    });
  },
);
