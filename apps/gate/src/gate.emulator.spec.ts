import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MarketBus, type ConsumedRecord } from '@feedgate/bus';
import { FrameDecoder, type DecodedFrame } from '@feedgate/codec';
import type { TradeEvent } from '@feedgate/core';
import { Emulator } from '@feedgate/emulator';
import { afterEach, describe, expect, it } from 'vitest';
import { GateConfig, GateModule, GateService } from '@feedgate/gate';

const SYMBOLS = ['BTC-USDT', 'ETH-USDT'];
const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function readAll(bus: MarketBus, topic: string): Promise<ConsumedRecord[]> {
  const out: ConsumedRecord[] = [];
  const sub = await bus.subscribe(
    { topics: [topic], groupId: `read-${topic}-${Math.random()}`, fromBeginning: true },
    (batch) => {
      out.push(...batch.records);
    },
  );
  await sleep(200);
  await sub.close();
  return out;
}

describe('gate against the emulator (in-process bus)', () => {
  it('publishes md.raw frames whose trades match the ground truth, with origin headers set', async () => {
    const emu = await Emulator.start({
      exchanges: ['binance'],
      symbols: SYMBOLS,
      ratePerSymbol: 40,
      seed: 7,
      port: 0,
      host: '127.0.0.1',
    });
    cleanup.push(() => emu.stop());
    const config = GateConfig.fromEnv({
      GATE_ID: 'gate-test',
      GATE_REPLICA: 'A',
      GATE_EXCHANGES: 'binance',
      GATE_SYMBOLS: SYMBOLS.join(','),
      GATE_URL_BINANCE_WS: emu.urls.binance.ws,
      GATE_URL_BINANCE_REST: emu.urls.binance.rest,
      PORT: '0',
      LOG_LEVEL: 'warn',
      LOG_FORMAT: 'json',
    });
    const app: INestApplication = await NestFactory.create(GateModule.forRoot(config), {
      logger: false,
    });
    let closed = false;
    cleanup.push(() => (closed ? Promise.resolve() : app.close()));
    await app.listen(0, '127.0.0.1');
    const url = await app.getUrl();
    await sleep(3000);

    const health = (await (await fetch(`${url}/health`)).json()) as {
      connectors: { exchange: string; actors: { state: string; epoch: number }[] }[];
    };
    expect(health.connectors[0].exchange).toBe('binance');
    expect(health.connectors[0].actors.every((a) => a.state === 'live' && a.epoch > 0)).toBe(true);
    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(metrics).toMatch(/gate_events_out_total\{[^}]*\} [1-9]/);
    expect(metrics).toMatch(
      /gate_exchange_lag_seconds_count\{[^}]*exchange="binance"[^}]*\} [1-9]/,
    );

    const bus = app.get(MarketBus);
    // Shutdown flushes what the uploader holds; the in-process bus keeps the log to read.
    const service = app.get(GateService);
    await service.beforeApplicationShutdown();
    const frames: (DecodedFrame & { key: string })[] = (await readAll(bus, 'md.raw')).map((r) => ({
      key: r.key,
      ...new FrameDecoder().decode(r.value),
    }));
    await app.close();
    closed = true;

    expect(frames.length).toBeGreaterThan(10);
    const types = new Set(frames.flatMap((f) => f.events.map((e) => e.type)));
    expect(types).toEqual(new Set(['trade', 'book', 'bbo']));
    for (const symbol of SYMBOLS) {
      const mine = frames.filter((f) => f.key === `binance:${symbol}`);
      for (const f of mine) {
        expect(f.header.gateId).toBe('gate-test');
        expect(f.header.replica).toBe('A');
        expect(f.header.epoch).toBeGreaterThan(1_600_000_000_000);
        for (const e of f.events) expect(`${e.exchange}:${e.symbol}`).toBe(f.key);
      }
      // Per (key, epoch): frame sequences 0, 1, 2, … in partition order.
      const byEpoch = new Map<number, number[]>();
      for (const f of mine)
        byEpoch.set(f.header.epoch, [...(byEpoch.get(f.header.epoch) ?? []), f.header.frameSeq]);
      for (const seqs of byEpoch.values()) expect(seqs).toEqual(seqs.map((_, i) => i));

      const ids = mine.flatMap((f) =>
        f.events.filter((e): e is TradeEvent => e.type === 'trade').map((e) => Number(e.id)),
      );
      expect(ids.length).toBeGreaterThan(10);
      expect(new Set(ids).size).toBe(ids.length);
      const truth = emu.groundTruth.symbol('binance', symbol).tradeLog;
      const last = Math.max(...ids);
      // Everything the emulator sent up to the last trade received is there, and nothing else.
      expect(ids).toEqual(truth.filter((id) => id <= last));
    }
  }, 20_000);
});
