import { afterEach, describe, expect, it } from 'vitest';
import { binanceProtocol } from '../binance/binance.protocol';
import type { ProtocolOptions } from '../protocol/protocol-options';
import { ConnectorProbe, serializeBook, sleep, until } from './connector.probe';
import { EmulatorProcess } from './emulator.process';

const SYMBOLS = [
  { symbol: 'BTC-USDT', nativeSymbol: 'BTCUSDT' },
  { symbol: 'ETH-USDT', nativeSymbol: 'ETHUSDT' },
];
const FAST: ProtocolOptions = { maxSilenceMs: 1000 };

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

async function setup(rate = 100): Promise<{ emu: EmulatorProcess; probe: ConnectorProbe }> {
  const emu = await EmulatorProcess.start({
    exchanges: ['binance'],
    symbols: SYMBOLS.map((s) => s.symbol),
    rate,
    pingIntervalMs: 200,
  });
  cleanup.push(() => emu.stop());
  const probe = new ConnectorProbe(binanceProtocol({ ...FAST, urls: emu.urls.binance }), SYMBOLS, [
    'trade',
    'book',
  ]);
  cleanup.push(() => probe.stop());
  return { emu, probe };
}

/** The emulator's REST book compared with the probe's rebuilt book at the same sequence. */
async function expectBookMatchesEmulator(
  emu: EmulatorProcess,
  probe: ConnectorProbe,
  s: { symbol: string; nativeSymbol: string },
): Promise<void> {
  const res = await fetch(
    `${emu.urls.binance.rest}/api/v3/depth?symbol=${s.nativeSymbol}&limit=100`,
  );
  const rest = (await res.json()) as {
    lastUpdateId: number;
    bids: [string, string][];
    asks: [string, string][];
  };
  const seq = String(rest.lastUpdateId);
  await until(() => probe.bookAt(s.symbol, seq) !== undefined, 3000, `${s.symbol} book at ${seq}`);
  expect(probe.bookAt(s.symbol, seq)).toBe(serializeBook(rest));
}

/** Ids the emulator sent in [from, to] (its log holds only what went out on a live socket). */
function sentBetween(log: number[], from: number, to: number): number[] {
  return log.filter((id) => id >= from && id <= to);
}

describe(
  'binance connector against the emulator (ws + REST snapshots)',
  { timeout: 20_000 },
  () => {
    it('abrupt close: reconnects, resubscribes, resyncs the book; trades after resubscription all present', async () => {
      const { emu, probe } = await setup();
      probe.start();
      await until(
        () => SYMBOLS.every((s) => probe.snapshots.get(s.symbol) === 1),
        5000,
        'first snapshots',
      );
      await until(() => probe.tradeIds('BTC-USDT').length > 20, 5000, 'trades');

      expect((await emu.fault({ exchange: 'binance', kind: 'disconnect' })).affected).toBe(1);
      await until(
        () => SYMBOLS.every((s) => probe.snapshots.get(s.symbol) === 2),
        5000,
        'resync snapshots',
      );
      await until(() => probe.tradeIds('BTC-USDT', 2).length > 20, 5000, 'trades after reconnect');
      for (const s of SYMBOLS) await expectBookMatchesEmulator(emu, probe, s);
      probe.stop();

      expect(probe.epoch).toBe(2);
      expect(probe.connector.metrics.connectionsLost).toBe(1);
      for (const s of SYMBOLS) {
        const log = (await emu.truth('binance', s.symbol)).tradeLog;
        const got = new Set(probe.tradeIds(s.symbol));
        const e1 = probe.tradeIds(s.symbol, 1);
        const e2 = probe.tradeIds(s.symbol, 2);
        // "Nothing missing": every trade the emulator sent on the first connection up to the
        // last one we saw before the cut, and every trade it sent on the new connection from
        // the first after the resubscription to the last we saw, arrived — no hole, no repeat.
        // Trades generated during the outage were never sent (a venue does not replay them).
        const first = sentBetween(log, Math.min(...e1), Math.max(...e1));
        const second = sentBetween(log, Math.min(...e2), Math.max(...e2));
        expect(first.filter((id) => !got.has(id))).toEqual([]);
        expect(second.filter((id) => !got.has(id))).toEqual([]);
        expect(probe.tradeIds(s.symbol).length).toBe(got.size);
        // At most a frame or two may have been written into the socket as it was destroyed.
        expect(sentBetween(log, Math.max(...e1) + 1, Math.min(...e2) - 1).length).toBeLessThan(10);
      }
    });

    it('gap on one symbol: only that symbol resyncs, on the same connection; status names the range', async () => {
      const { emu, probe } = await setup();
      probe.start();
      await until(
        () => SYMBOLS.every((s) => probe.snapshots.get(s.symbol) === 1),
        5000,
        'first snapshots',
      );
      await until(() => probe.tradeIds('ETH-USDT').length > 10, 5000, 'trades');

      await emu.fault({ exchange: 'binance', kind: 'gap', symbol: 'BTC-USDT', count: 7 });
      await until(() => probe.snapshots.get('BTC-USDT') === 2, 5000, 'BTC resync');
      await until(
        () => probe.status.some((s) => s.symbol === 'BTC-USDT' && s.state === 'live'),
        5000,
        'BTC live again',
      );
      await expectBookMatchesEmulator(emu, probe, SYMBOLS[0]);
      await sleep(300);
      probe.stop();

      const truth = await emu.truth('binance', 'BTC-USDT');
      expect(truth.bookGaps).toHaveLength(1);
      const gap = probe.status.find((s) => s.state === 'gap');
      expect(gap?.symbol).toBe('BTC-USDT');
      expect(gap?.gaps).toEqual([
        { from: String(truth.bookGaps[0].from), to: String(truth.bookGaps[0].to) },
      ]);
      expect(probe.status.filter((s) => s.symbol === 'ETH-USDT')).toEqual([]);
      expect(probe.snapshots.get('ETH-USDT')).toBe(1);
      expect(probe.epoch).toBe(1);
      expect(probe.connector.metrics.connectionsOpened).toBe(1);
      expect(probe.connector.metrics.gaps).toBe(1);
      // ETH's trades kept flowing without a hole through BTC's resync.
      const eth = probe.tradeIds('ETH-USDT');
      const log = (await emu.truth('binance', 'ETH-USDT')).tradeLog;
      expect(sentBetween(log, Math.min(...eth), Math.max(...eth))).toEqual(eth);
    });

    it('malformed and huge frames: counted, dead-lettered, the connection goes on', async () => {
      const { emu, probe } = await setup();
      probe.start();
      await until(() => probe.tradeIds('BTC-USDT').length > 5, 5000, 'trades');
      await emu.fault({ exchange: 'binance', kind: 'malformed', symbol: 'BTC-USDT', count: 3 });
      await emu.fault({ exchange: 'binance', kind: 'huge', bytes: 2 * 1024 * 1024 });
      await until(() => probe.deadLetters.length === 4, 5000, 'dead letters');
      const before = probe.tradeIds('BTC-USDT').length;
      await until(() => probe.tradeIds('BTC-USDT').length > before + 10, 5000, 'trades after');
      probe.stop();

      const m = probe.connector.metrics;
      expect(m.malformedFrames).toBe(3);
      expect(m.oversizedFrames).toBe(1);
      expect(m.connectionsOpened).toBe(1);
      expect(probe.deadLetters.filter((d) => /exceeds/.test(d.error))).toHaveLength(1);
      expect(probe.deadLetters.filter((d) => /MALFORMED|trailing|end/i.test(d.error))).toHaveLength(
        3,
      );
      expect(String(probe.deadLetters[0].raw)).toContain('"e":"trade"');
    });

    it('refusal for a while: backoff with growing, jittered, bounded delays, then recovery', async () => {
      const { emu, probe } = await setup();
      probe.start();
      await until(() => probe.tradeIds('BTC-USDT').length > 5, 5000, 'trades');
      await emu.fault({ exchange: 'binance', kind: 'refuse', durationMs: 1500 });
      await emu.fault({ exchange: 'binance', kind: 'disconnect' });
      const cutAt = Date.now();
      await until(() => probe.connector.metrics.connectionsOpened === 2, 10_000, 'recovery');
      const outageMs = Date.now() - cutAt;
      await until(() => probe.tradeIds('BTC-USDT', probe.epoch).length > 5, 5000, 'trades after');
      probe.stop();

      const delays = probe.connector.supervisors[0].delays;
      expect(delays.length).toBeGreaterThanOrEqual(4);
      delays.forEach((d, i) => {
        expect(d).toBeGreaterThanOrEqual(0);
        expect(d).toBeLessThanOrEqual(Math.min(400, 50 * 2 ** i));
      });
      // Full jitter: the delays are spread over their windows, not pinned to the ceiling.
      const ratios = new Set(delays.map((d, i) => (d / Math.min(400, 50 * 2 ** i)).toFixed(3)));
      expect(ratios.size).toBeGreaterThan(1);
      expect(outageMs).toBeGreaterThanOrEqual(1400);
      const st = (await emu.status()).exchanges[0];
      expect(st.refusedConnections).toBe(delays.length - 1);
      const states = probe.status.filter((s) => s.symbol === '*').map((s) => s.state);
      expect(states).toContain('backoff');
      expect(states[states.length - 1]).toBe('stopped');
      expect(states.lastIndexOf('live')).toBeGreaterThan(states.lastIndexOf('backoff'));
    });

    it('a stall of the busy connection is reconnected; a quiet symbol on it is never restarted', async () => {
      // BTC trades busily; ETH is a market with no trades and no book changes at all, on the
      // SAME connection. Connection silence limit 1 s (pings every 200 ms).
      const emu = await EmulatorProcess.start({
        exchanges: ['binance'],
        symbols: SYMBOLS.map((s) => s.symbol),
        rate: 100,
        rates: { 'ETH-USDT': 0 },
        pingIntervalMs: 200,
      });
      cleanup.push(() => emu.stop());
      const protocol = (): ReturnType<typeof binanceProtocol> =>
        binanceProtocol({ ...FAST, urls: emu.urls.binance });
      // Default channel thresholds (60 s): a quiet channel is never flagged in this test.
      const plain = new ConnectorProbe(protocol(), SYMBOLS, ['trade', 'book']);
      // A configured 2 s channel threshold: ETH is flagged stale, by itself, only after it.
      const QUIET_MS = 2000;
      const watched = new ConnectorProbe(protocol(), SYMBOLS, ['trade', 'book'], {
        channelQuietMs: QUIET_MS,
      });
      cleanup.push(
        () => plain.stop(),
        () => watched.stop(),
      );
      plain.start();
      watched.start();
      for (const p of [plain, watched]) {
        await until(() => p.tradeIds('BTC-USDT').length > 5, 5000, 'BTC trades');
        await until(() => p.snapshots.get('ETH-USDT') === 1, 5000, 'ETH snapshot');
      }
      const liveAt = (p: ConnectorProbe): number =>
        p.status.find((s) => s.symbol === '*' && s.state === 'live')?.ts ?? NaN;
      const ethStale = (p: ConnectorProbe) =>
        p.status.filter((s) => s.symbol === 'ETH-USDT' && s.state === 'stale');
      // Generous bound (5× the threshold): a busy CI machine may run timers late.
      await until(() => ethStale(watched).length === 2, 5 * QUIET_MS, 'ETH channels flagged');
      await sleep(Math.max(0, liveAt(plain) + 3000 - Date.now()));

      // ETH has been silent for 3× the connection's silence limit on both connections: the
      // connections stayed up on BTC data and pings; nothing was reconnected.
      const watchedFlags = ethStale(watched);
      for (const flag of watchedFlags) {
        expect(flag.ts - liveAt(watched)).toBeGreaterThanOrEqual(QUIET_MS - 50);
        expect(flag.reason).toMatch(/: no (trade|book) data for 2000 ms; re-subscribing$/);
      }
      expect(watched.connector.metrics.staleChannels).toBe(2);
      expect(watched.connector.metrics.resubscribes).toBe(2);
      expect(watched.status.filter((s) => s.symbol === 'BTC-USDT')).toEqual([]);
      for (const p of [plain, watched]) {
        expect(p.epoch).toBe(1);
        expect(p.connector.metrics.connectionsOpened).toBe(1);
        expect(p.connector.metrics.staleConnections).toBe(0);
        expect(p.tradeIds('ETH-USDT')).toEqual([]);
      }
      expect(plain.connector.metrics.staleChannels).toBe(0);
      expect(plain.connector.metrics.resubscribes).toBe(0);
      expect(plain.status.filter((s) => s.symbol === 'ETH-USDT')).toEqual([]);

      // Now the whole busy connection goes silent (no data, no pings): that IS a dead feed.
      const stalledAt = Date.now();
      expect(
        (await emu.fault({ exchange: 'binance', kind: 'stall', durationMs: 3000 })).affected,
      ).toBe(2);
      await until(() => plain.connector.metrics.staleConnections === 1, 5000, 'stall detected');
      const detectMs = Date.now() - stalledAt;
      for (const p of [plain, watched]) {
        await until(() => p.tradeIds('BTC-USDT', 2).length > 5, 5000, 'trades after reconnect');
      }
      plain.stop();
      watched.stop();

      // Not before the 1 s silence limit; within 5× of it even on a loaded 2-core machine.
      expect(detectMs).toBeGreaterThanOrEqual(800);
      expect(detectMs).toBeLessThan(5000);
      for (const p of [plain, watched]) {
        expect(p.epoch).toBe(2);
        expect(p.connector.metrics.staleConnections).toBe(1);
        expect(p.status.some((s) => s.state === 'stale' && /no frame/.test(s.reason))).toBe(true);
      }
      // The default-threshold probe never flagged or restarted the quiet symbol by itself.
      expect(plain.connector.metrics.staleChannels).toBe(0);
      expect(plain.connector.metrics.resubscribes).toBe(0);
      expect(plain.status.filter((s) => s.symbol === 'ETH-USDT')).toEqual([]);
    });
  },
);
