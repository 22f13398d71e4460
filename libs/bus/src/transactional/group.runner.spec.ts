import { describe, expect, it } from 'vitest';
import { GroupRunner } from './group.runner';

describe('GroupRunner', () => {
  it('hands items submitted in the same turn to one run', async () => {
    const runs: number[][] = [];
    const g = new GroupRunner<number>(async (items) => void runs.push([...items]));
    await Promise.all([g.submit(1), g.submit(2), g.submit(3)]);
    expect(runs).toEqual([[1, 2, 3]]);
  });

  it('queues items that arrive during a run for the next one, never two runs at once', async () => {
    const runs: number[][] = [];
    let active = 0;
    let maxActive = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const g = new GroupRunner<number>(async (items) => {
      active++;
      maxActive = Math.max(maxActive, active);
      runs.push([...items]);
      if (items[0] === 1) await gate;
      active--;
    });
    const first = g.submit(1);
    await new Promise((r) => setImmediate(r));
    const later = [g.submit(2), g.submit(3)];
    expect(g.waiting).toBe(2);
    release();
    await Promise.all([first, ...later]);
    expect(runs).toEqual([[1], [2, 3]]);
    expect(maxActive).toBe(1);
  });

  it('rejects every item of a failed run and goes on with the next', async () => {
    let fail = true;
    const g = new GroupRunner<string>(async () => {
      if (fail) {
        fail = false;
        throw new Error('abort');
      }
    });
    const results = await Promise.allSettled([g.submit('a'), g.submit('b')]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    await expect(g.submit('c')).resolves.toBeUndefined();
  });
});
