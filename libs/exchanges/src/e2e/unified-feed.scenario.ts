import type { ConnectorProtocol } from '@feedgate/connector';
import { expect } from 'vitest';
import type { ProtocolOptions } from '../protocol/protocol-options';
import { ConnectorProbe, serializeBook, sleep, until } from './connector.probe';
import { EmulatorProcess } from './emulator.process';

export interface FeedSymbol {
  /** Normalized symbol: what the emulator serves and what the unified events carry. */
  readonly symbol: string;
  readonly nativeSymbol: string;
}

/** A book as the emulator's REST endpoint returns it (levels `[price, amount, …]`). */
export interface RestBook {
  readonly bids: readonly (readonly string[])[];
  readonly asks: readonly (readonly string[])[];
}

export interface UnifiedFeedScenario {
  readonly exchange: string;
  readonly symbols: readonly [FeedSymbol, FeedSymbol];
  readonly protocol: (urls: ProtocolOptions['urls']) => ConnectorProtocol;
  /** The emulator's current book of one symbol, from its REST snapshot endpoint. */
  readonly restBook: (restBase: string, s: FeedSymbol) => Promise<RestBook>;
  /** Registers teardown (run by the spec's afterEach). */
  readonly cleanup: (teardown: () => unknown) => void;
}

const WAIT_MS = 5000;

/**
 * The common end-to-end contract of an exchange against the emulator: trades + book + bbo for
 * two symbols arrive in the unified form; trade ids are exactly the emulator's (no hole, no
 * repeat, per connection); the maintained book equals the emulator's; an abrupt disconnect
 * is followed by a reconnect, a resubscription and a fresh book that again equals it.
 */
export async function runUnifiedFeedScenario(sc: UnifiedFeedScenario): Promise<void> {
  const { exchange, symbols } = sc;
  const emu = await EmulatorProcess.start({
    exchanges: [exchange],
    symbols: symbols.map((s) => s.symbol),
    rate: 100,
    pingIntervalMs: 200,
  });
  sc.cleanup(() => emu.stop());
  const urls = emu.urls[exchange];
  const probe = new ConnectorProbe(sc.protocol(urls), symbols, ['trade', 'book', 'bbo']);
  sc.cleanup(() => probe.stop());
  probe.start();

  const bookMatches = async (s: FeedSymbol): Promise<void> => {
    const rest = await sc.restBook(urls.rest, s);
    const text = serializeBook(rest);
    expect(text).toMatch(/^bids \S+ \| asks \S+$/); // both sides non-empty
    // The REST reply is the book between two market ticks: the rebuilt book passed through it.
    await until(() => probe.hadBook(s.symbol, text), WAIT_MS, `${s.symbol} book = emulator's`);
  };

  const ready = (epoch: number) => async (): Promise<void> => {
    for (const s of symbols) {
      await until(() => probe.snapshots.get(s.symbol) === epoch, WAIT_MS, `${s.symbol} snapshot`);
      await until(() => probe.tradeIds(s.symbol, epoch).length > 5, WAIT_MS, `${s.symbol} trades`);
      await until(() => probe.bbos.some((b) => b.symbol === s.symbol), WAIT_MS, `${s.symbol} bbo`);
      await bookMatches(s);
    }
  };
  await ready(1)();
  expect((await emu.fault({ exchange, kind: 'disconnect' })).affected).toBe(1);
  await until(() => probe.epoch === 2, WAIT_MS, 'reconnect');
  await ready(2)();
  probe.stop();

  const m = probe.connector.metrics;
  expect(probe.epoch).toBe(2);
  expect(m.connectionsLost).toBe(1);
  expect(m.connectionsOpened).toBe(2);
  expect(m.malformedFrames).toBe(0);
  expect(m.gaps).toBe(0);
  expect(m.checksumFailures).toBe(0);
  expect(probe.deadLetters).toEqual([]);
  // The probe's stop closed its socket (the close handshake takes a moment to reach it).
  let open = -1;
  for (let i = 0; i < 100 && open !== 0; i++) {
    if (i > 0) await sleep(20);
    open = (await emu.status()).exchanges[0].connections;
  }
  expect(open).toBe(0);
  for (const s of symbols) {
    const log = (await emu.truth(exchange, s.symbol)).tradeLog;
    for (const epoch of [1, 2]) {
      const ids = probe.tradeIds(s.symbol, epoch);
      expect(new Set(ids).size).toBe(ids.length);
      const lo = Math.min(...ids);
      const hi = Math.max(...ids);
      // Every trade the emulator sent on this connection within what we saw arrived.
      const sent = log.filter((id) => id >= lo && id <= hi);
      expect(sent.filter((id) => !ids.includes(id))).toEqual([]);
    }
    const bbos = probe.bbos.filter((b) => b.symbol === s.symbol);
    expect(bbos.length).toBeGreaterThan(0);
    for (const b of bbos) {
      expect(b.exchange).toBe(exchange);
      expect(b.nativeSymbol).toBe(s.nativeSymbol);
      expect(Number(b.bidPrice.toString())).toBeLessThan(Number(b.askPrice.toString()));
    }
  }
  for (const { event } of probe.trades) {
    expect(event.exchange).toBe(exchange);
    expect(symbols.find((s) => s.symbol === event.symbol)?.nativeSymbol).toBe(event.nativeSymbol);
    expect(['buy', 'sell']).toContain(event.side);
    expect(event.price.mantissa > 0n && event.amount.mantissa > 0n).toBe(true);
    expect(event.ts).toBeGreaterThan(1_600_000_000_000);
  }
}
