import { describe, expect, it } from 'vitest';
import type { BusRecord } from '../bus.types';
import { recordSize } from '../bus-validation';
import { BusClosedError } from '../errors/bus-closed.error';
import { BusInvalidArgumentError } from '../errors/bus-invalid-argument.error';
import { BusPublishError } from '../errors/bus-publish.error';
import { sleep, waitFor } from '../testing/bus-test.kit';
import { ProduceBatcher, type ProduceBatcherOptions, type TopicBatch } from './produce.batcher';

/** A fake broker whose acknowledgements the test releases by hand. */
class FakeSender {
  readonly sent: TopicBatch[][] = [];
  private readonly acks: { resolve: () => void; reject: (e: Error) => void }[] = [];
  inFlight = 0;
  maxInFlight = 0;
  autoAck = false;

  readonly send = (batch: readonly TopicBatch[]): Promise<void> => {
    this.sent.push([...batch]);
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    return new Promise<void>((resolve, reject) => {
      const done = {
        resolve: () => (this.inFlight--, resolve()),
        reject: (e: Error) => (this.inFlight--, reject(e)),
      };
      if (this.autoAck) setImmediate(done.resolve);
      else this.acks.push(done);
    });
  };

  ackAll(): void {
    for (const ack of this.acks.splice(0)) ack.resolve();
  }

  failNext(error: Error): void {
    this.acks.shift()?.reject(error);
  }

  records(): string[] {
    return this.sent
      .flat()
      .flatMap((b) => b.messages.map((m) => `${b.topic}/${m.key}/${m.value.toString()}`));
  }
}

const rec = (key: string, value: string, pad = 0): BusRecord => ({
  key,
  value: Buffer.from(value.padEnd(pad, '.')),
});
const size = (records: BusRecord[]): number => records.reduce((s, r) => s + recordSize(r), 0);
const make = (sender: FakeSender, o: Partial<ProduceBatcherOptions>): ProduceBatcher =>
  new ProduceBatcher(sender.send, {
    lingerMs: 10,
    batchBytes: 64 * 1024,
    maxPendingBytes: 1 << 20,
    maxInFlight: 1,
    ...o,
  });

describe('ProduceBatcher', () => {
  it('holds records for the linger time, then sends every topic in one batch', async () => {
    const sender = new FakeSender();
    sender.autoAck = true;
    const batcher = make(sender, { lingerMs: 40 });
    const a = [rec('k1', 'a1'), rec('k2', 'a2')];
    const b = [rec('k1', 'b1')];
    const started = Date.now();
    const done = Promise.all([batcher.add('t1', a, size(a)), batcher.add('t2', b, size(b))]);
    await sleep(15);
    expect(sender.sent.length).toBe(0);
    await done;
    expect(Date.now() - started).toBeGreaterThanOrEqual(35);
    expect(sender.sent.length).toBe(1);
    expect(sender.records()).toEqual(['t1/k1/a1', 't1/k2/a2', 't2/k1/b1']);
  });

  it('sends at once when a batch is full and keeps batches under batchBytes', async () => {
    const sender = new FakeSender();
    const batcher = make(sender, { lingerMs: 300, batchBytes: 1024 });
    const records = Array.from({ length: 10 }, (_, i) => rec(`k${i}`, `${i}`, 300));
    const done = batcher.add('t', records, size(records));
    await waitFor(() => sender.sent.length === 1, 'first send', 1000);
    // Three full batches go out back to back; the last partial one waits for its linger.
    while (sender.sent.length < 3 || sender.inFlight > 0) {
      sender.ackAll();
      await sleep(1);
    }
    expect(sender.sent.length).toBe(3);
    await waitFor(() => sender.sent.length === 4, 'linger of the last batch', 2000);
    sender.ackAll();
    await done;
    expect(sender.records()).toEqual(records.map((r) => `t/${r.key}/${r.value.toString()}`));
    for (const batch of sender.sent)
      expect(size(batch.flatMap((b) => b.messages))).toBeLessThanOrEqual(1024);
    expect(sender.maxInFlight).toBe(1);
  });

  it('makes publish wait when the pending buffer is full, in FIFO order', async () => {
    const sender = new FakeSender();
    const batcher = make(sender, { lingerMs: 0, batchBytes: 1024, maxPendingBytes: 2048 });
    const calls: Promise<void>[] = [];
    const settled: number[] = [];
    for (let i = 0; i < 12; i++) {
      const records = [rec('same-key', `${i}`, 400)];
      calls.push(batcher.add('t', records, size(records)).then(() => void settled.push(i)));
    }
    await sleep(5);
    expect(batcher.pendingBytes).toBeLessThanOrEqual(2048);
    expect(batcher.waitingCallers).toBeGreaterThan(0);
    expect(settled).toEqual([]);
    while (settled.length < 12) {
      sender.ackAll();
      await sleep(1);
      expect(batcher.pendingBytes).toBeLessThanOrEqual(2048);
    }
    await Promise.all(calls);
    expect(settled).toEqual([...Array(12).keys()]);
    expect(sender.records()).toEqual(
      [...Array(12).keys()].map((i) => `t/same-key/${`${i}`.padEnd(400, '.')}`),
    );
  });

  it('refuses a single call larger than the whole pending buffer', async () => {
    const sender = new FakeSender();
    const batcher = make(sender, { maxPendingBytes: 2048, batchBytes: 1024 });
    const huge = [rec('k', 'x', 3000)];
    await expect(batcher.add('t', huge, size(huge))).rejects.toBeInstanceOf(
      BusInvalidArgumentError,
    );
    expect(sender.sent.length).toBe(0);
  });

  it('never runs more sends than maxInFlight', async () => {
    const sender = new FakeSender();
    const batcher = make(sender, { lingerMs: 0, batchBytes: 1024, maxInFlight: 3 });
    const records = Array.from({ length: 40 }, (_, i) => rec(`k${i}`, `${i}`, 500));
    const done = batcher.add('t', records, size(records));
    await sleep(5);
    expect(sender.inFlight).toBe(3);
    while (sender.records().length < 40 || sender.inFlight > 0) {
      sender.ackAll();
      await sleep(1);
    }
    await done;
    expect(sender.maxInFlight).toBe(3);
  });

  it('rejects the callers of a failed send with BusPublishError and carries on', async () => {
    const sender = new FakeSender();
    const batcher = make(sender, { lingerMs: 0 });
    const first = [rec('k', 'x')];
    const failed = batcher.add('t', first, size(first));
    await waitFor(() => sender.sent.length === 1, 'send', 1000);
    sender.failNext(new Error('broker says no'));
    await expect(failed).rejects.toBeInstanceOf(BusPublishError);
    await expect(failed).rejects.toThrow(/broker says no/);
    sender.autoAck = true;
    const second = [rec('k', 'y')];
    await expect(batcher.add('t', second, size(second))).resolves.toBeUndefined();
  });

  it('flushes on close and refuses afterwards', async () => {
    const sender = new FakeSender();
    sender.autoAck = true;
    const batcher = make(sender, { lingerMs: 10_000 });
    const records = [rec('k', 'z')];
    const pending = batcher.add('t', records, size(records));
    await batcher.close();
    await pending;
    expect(sender.records()).toEqual(['t/k/z']);
    await expect(batcher.add('t', records, size(records))).rejects.toBeInstanceOf(BusClosedError);
  });
});
