import { FrameDecoder, type DecodedFrame } from '@feedgate/codec';
import { Decimal, toJsonEvent, type StatusEvent, type TradeEvent } from '@feedgate/core';
import { afterEach, describe, expect, it } from 'vitest';
import type { DeadLetterJson } from './dead-letter.record';
import { HeldBus } from './testing/held.bus';
import { Uploader } from './uploader';
import type { UploaderOptions } from './uploader.options';

const decoder = new FrameDecoder();
const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

function trade(symbol: string, id: number, exchange = 'binance'): TradeEvent {
  return {
    type: 'trade',
    exchange,
    symbol,
    nativeSymbol: symbol.replace('-', ''),
    ts: 1_700_000_000_000 + id,
    localTs: 1_700_000_000_005 + id,
    id: String(id),
    price: Decimal.parse(`${100 + (id % 50)}.${id % 7}5`),
    amount: Decimal.parse(`0.00${(id % 9) + 1}`),
    side: id % 2 ? 'buy' : 'sell',
  };
}

async function setup(
  options: Partial<UploaderOptions> = {},
): Promise<{ bus: HeldBus; up: Uploader }> {
  const bus = await HeldBus.create();
  const up = new Uploader(bus, { gateId: 'g1', replica: 'A', ...options });
  cleanup.push(() => bus.close());
  cleanup.push(() => up.close(500).catch(() => undefined));
  return { bus, up };
}

function decodeAll(records: { key: string; value: Buffer }[]): (DecodedFrame & { key: string })[] {
  return records.map((r) => ({ key: r.key, ...decoder.decode(r.value) }));
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('Uploader', () => {
  it('frames decode back to exactly the events written, per key in order, with contiguous sequences', async () => {
    const { bus, up } = await setup({ maxFrameEvents: 7 });
    const symbols = ['BTC-USDT', 'ETH-USDT', 'SOL-USDT'];
    const written = new Map<string, unknown[]>();
    for (let i = 0; i < 300; i++) {
      const e = trade(symbols[(i * 7) % 3], i);
      expect(up.write(e, 42)).toBe(true);
      const k = `binance:${e.symbol}`;
      written.set(k, [...(written.get(k) ?? []), toJsonEvent(e)]);
    }
    await up.flush();
    const frames = decodeAll(await bus.collect('md.raw', up.metrics.framesOut));
    expect(up.metrics.eventsOut).toBe(300);
    for (const [key, events] of written) {
      const mine = frames.filter((f) => f.key === key);
      expect(mine.flatMap((f) => f.events.map(toJsonEvent))).toEqual(events);
      expect(mine.map((f) => f.header.frameSeq)).toEqual(mine.map((_, i) => i));
      for (const f of mine) {
        expect(f.header).toMatchObject({ gateId: 'g1', replica: 'A', epoch: 42 });
        expect(f.events.length).toBeLessThanOrEqual(7);
        expect(f.header.firstEventTime).toBe(f.events[0].ts);
      }
    }
  });

  it('holds a partial frame for the linger time, then publishes it', async () => {
    const { bus, up } = await setup({ lingerMs: 40 });
    up.write(trade('BTC-USDT', 1), 1);
    up.write(trade('BTC-USDT', 2), 1);
    await sleep(10);
    expect(bus.publishCalls).toBe(0);
    await sleep(80);
    const frames = decodeAll(await bus.collect('md.raw', 1));
    expect(frames).toHaveLength(1);
    expect(frames[0].events.map((e) => (e as TradeEvent).id)).toEqual(['1', '2']);
  });

  it('splits by encoded size: every frame within maxFrameBytes, nothing lost', async () => {
    const { bus, up } = await setup({ maxFrameBytes: 1024, lingerMs: 10_000 });
    for (let i = 0; i < 500; i++) up.write(trade('BTC-USDT', i), 7);
    await up.flush();
    const records = await bus.collect('md.raw', up.metrics.framesOut);
    expect(records.length).toBeGreaterThan(5);
    for (const r of records) expect(r.value.length).toBeLessThanOrEqual(1024);
    const frames = decodeAll(records);
    expect(frames.flatMap((f) => f.events.map((e) => (e as TradeEvent).id))).toEqual(
      Array.from({ length: 500 }, (_, i) => String(i)),
    );
    expect(frames.map((f) => f.header.frameSeq)).toEqual(frames.map((_, i) => i));
  });

  it('a new connection epoch closes the open frame; sequences restart per (key, epoch)', async () => {
    const { bus, up } = await setup({ lingerMs: 10_000 });
    up.write(trade('BTC-USDT', 1), 10);
    up.write(trade('BTC-USDT', 2), 10);
    up.write(trade('BTC-USDT', 3), 11);
    up.write(trade('BTC-USDT', 4), 10);
    await up.flush();
    const frames = decodeAll(await bus.collect('md.raw', 3));
    expect(frames.map((f) => [f.header.epoch, f.header.frameSeq, f.events.length])).toEqual([
      [10, 0, 2],
      [11, 0, 1],
      [10, 1, 1],
    ]);
  });

  it('respects its bound when the bus stalls: refuses and counts, then reports the gap in-band', async () => {
    const { bus, up } = await setup({ maxPendingEvents: 100, maxFrameEvents: 10, lingerMs: 1 });
    bus.hold();
    let accepted = 0;
    let maxPending = 0;
    for (let i = 0; i < 1000; i++) {
      if (up.write(trade('BTC-USDT', i), 1)) accepted++;
      maxPending = Math.max(maxPending, up.pendingEvents);
    }
    expect(maxPending).toBeLessThanOrEqual(100);
    expect(up.writable).toBe(false);
    expect(accepted).toBe(100);
    expect(up.metrics.droppedOverflow).toBe(900);
    bus.release();
    await up.whenWritable();
    await up.flush();
    const frames = decodeAll(await bus.collect('md.raw', up.metrics.framesOut));
    const events = frames.flatMap((f) => f.events);
    expect(events.filter((e) => e.type === 'trade')).toHaveLength(100);
    const gap = events.find((e) => e.type === 'status') as StatusEvent;
    expect(gap.state).toBe('gap');
    expect(gap.reason).toContain('900 events dropped on replica A');
  });

  it('a pull-style producer waiting on whenWritable loses nothing under backpressure', async () => {
    const { bus, up } = await setup({ maxPendingEvents: 50, maxFrameEvents: 10, lingerMs: 1 });
    bus.hold();
    const releaser = setInterval(() => {
      bus.release();
      bus.hold();
    }, 5);
    try {
      for (let i = 0; i < 600; i++) {
        if (!up.writable) await up.whenWritable();
        expect(up.write(trade('ETH-USDT', i), 1)).toBe(true);
        expect(up.pendingEvents).toBeLessThanOrEqual(50);
      }
    } finally {
      clearInterval(releaser);
      bus.release();
    }
    await up.flush();
    expect(up.metrics.droppedOverflow).toBe(0);
    expect(up.metrics.eventsOut).toBe(600);
  });

  it('retries a transient publish failure without losing or repeating a frame', async () => {
    const { bus, up } = await setup({ lingerMs: 1, retryBaseMs: 5 });
    bus.failNext(2);
    up.write(trade('BTC-USDT', 1), 1);
    await sleep(5);
    await up.flush();
    const frames = decodeAll(await bus.collect('md.raw', 1, 300));
    expect(frames).toHaveLength(1);
    expect(up.metrics.publishRetries).toBe(2);
  });

  it('close() flushes what it holds and refuses later writes', async () => {
    const { bus, up } = await setup({ lingerMs: 60_000 });
    for (let i = 0; i < 5; i++) up.write(trade('BTC-USDT', i), 3);
    expect(bus.publishCalls).toBe(0);
    await up.close();
    expect(up.write(trade('BTC-USDT', 99), 3)).toBe(false);
    const frames = decodeAll(await bus.collect('md.raw', 1));
    expect(frames.flatMap((f) => f.events)).toHaveLength(5);
  });

  it('close() gives up after its deadline when the bus never answers, counting the loss', async () => {
    const { bus, up } = await setup({ lingerMs: 60_000 });
    bus.hold();
    up.write(trade('BTC-USDT', 1), 3);
    await expect(up.close(50)).rejects.toMatchObject({ code: 'UPLOADER_FLUSH_TIMEOUT' });
    expect(up.metrics.droppedUnpublishable).toBe(1);
    bus.release();
  });

  it('status events go framed to md.status, dead letters as JSON to md.deadletter keyed by exchange', async () => {
    const { bus, up } = await setup({ lingerMs: 1 });
    const status: StatusEvent = {
      type: 'status',
      exchange: 'binance',
      symbol: '*',
      nativeSymbol: '*',
      ts: 1,
      localTs: 1,
      state: 'live',
      reason: 'binance#0: live',
      gaps: [],
    };
    up.writeStatus(status, 5);
    up.writeDeadLetter({
      exchange: 'binance',
      connectionId: 'binance#0',
      raw: '{"e":"trade",broken',
      error: 'unexpected token at 13',
      localTs: 123,
    });
    up.writeDeadLetter({
      exchange: 'okx',
      connectionId: 'okx#0',
      raw: new Uint8Array([1, 2, 3]),
      error: 'frame of 3000000 bytes exceeds 1048576',
      localTs: 124,
    });
    await sleep(5);
    await up.flush();
    const st = decodeAll(await bus.collect('md.status', 1));
    expect(st[0].key).toBe('binance:*');
    expect(st[0].header.epoch).toBe(5);
    expect(toJsonEvent(st[0].events[0])).toEqual(toJsonEvent(status));
    const dl = await bus.collect('md.deadletter', 2);
    const values = dl.map(
      (r) => [r.key, JSON.parse(r.value.toString()) as DeadLetterJson] as const,
    );
    const [bk, bv] = values.find(([k]) => k === 'binance')!;
    expect(bk).toBe('binance');
    expect(Buffer.from(bv.payload, 'base64').toString()).toBe('{"e":"trade",broken');
    expect(bv).toMatchObject({
      errorCode: 'PARSE_ERROR',
      encoding: 'text',
      ts: 123,
      gateId: 'g1',
      replica: 'A',
    });
    const [, ov] = values.find(([k]) => k === 'okx')!;
    expect(ov).toMatchObject({ errorCode: 'OVERSIZED_FRAME', encoding: 'binary', payload: 'AQID' });
    expect(up.metrics.deadLettersOut).toBe(2);
  });

  it('rejects bad options with a typed error', () => {
    const bus = new HeldBus();
    expect(() => new Uploader(bus, { gateId: '', replica: 'A' })).toThrow(/gateId/);
    expect(() => new Uploader(bus, { gateId: 'g', replica: 'C' as 'A' })).toThrow(/replica/);
    expect(() => new Uploader(bus, { gateId: 'g', replica: 'A', lingerMs: -1 })).toThrow(
      /lingerMs/,
    );
  });
});
