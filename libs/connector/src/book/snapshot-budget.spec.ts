import { describe, expect, it } from 'vitest';
import { VirtualTime } from '../testing/virtual-time';
import { SnapshotBudget } from './snapshot-budget';

describe('SnapshotBudget', () => {
  it('grants a burst, then spaces grants at the refill rate (FIFO)', () => {
    const vt = new VirtualTime();
    const budget = new SnapshotBudget(2, 4, vt.scheduler); // 2 burst, one per 250 ms
    const grants: number[] = [];
    for (let i = 0; i < 6; i++) budget.acquire().subscribe(() => grants.push(vt.now()));
    vt.advanceTo(5000);
    expect(grants).toEqual([0, 0, 250, 500, 750, 1000]);
  });

  it('a waiter that gives up returns its token', () => {
    const vt = new VirtualTime();
    const budget = new SnapshotBudget(1, 1, vt.scheduler);
    budget.acquire().subscribe();
    const waiter = budget.acquire().subscribe();
    expect(budget.available()).toBe(-1);
    waiter.unsubscribe();
    expect(budget.available()).toBe(0);
    expect(vt.pending).toBe(0);
  });
});
