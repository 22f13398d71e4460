import { describe, expect, it } from 'vitest';
import { retryWhileConcurrent } from './concurrent-txn.retry';

const concurrent = () =>
  Object.assign(new Error('another concurrent operation'), { type: 'CONCURRENT_TRANSACTIONS' });

describe('retryWhileConcurrent', () => {
  it('tries again while the coordinator answers CONCURRENT_TRANSACTIONS, with growing waits', async () => {
    const waits: number[] = [];
    let calls = 0;
    const out = await retryWhileConcurrent(
      async () => {
        calls++;
        if (calls <= 6) throw concurrent();
        return 'done';
      },
      10_000,
      async (ms) => {
        waits.push(ms);
      },
    );
    expect(out).toBe('done');
    expect(calls).toBe(7);
    expect(waits).toEqual([5, 10, 20, 40, 80, 100]);
  });

  it('finds the error inside kafkajs wrappers (originalError)', async () => {
    let calls = 0;
    await retryWhileConcurrent(
      async () => {
        if (calls++ === 0)
          throw Object.assign(new Error('retries exhausted'), { originalError: concurrent() });
        return 1;
      },
      10_000,
      async () => undefined,
    );
    expect(calls).toBe(2);
  });

  it('throws any other error at once', async () => {
    let calls = 0;
    const fenced = Object.assign(new Error('fenced'), { type: 'PRODUCER_FENCED' });
    await expect(
      retryWhileConcurrent(
        async () => {
          calls++;
          throw fenced;
        },
        10_000,
        async () => undefined,
      ),
    ).rejects.toBe(fenced);
    expect(calls).toBe(1);
  });

  it('gives up after the deadline with the last error', async () => {
    let calls = 0;
    await expect(
      retryWhileConcurrent(
        async () => {
          calls++;
          throw concurrent();
        },
        50,
        (ms) => new Promise((r) => setTimeout(r, ms)),
      ),
    ).rejects.toMatchObject({ type: 'CONCURRENT_TRANSACTIONS' });
    expect(calls).toBeGreaterThan(1);
    expect(calls).toBeLessThan(10);
  });
});
