import { describe, expect, it } from 'vitest';
import { RetainedHeapRecorder } from './gateway-heap.recorder';

const node = (functionName: string, line: number, selfSize: number, children: unknown[] = []) => ({
  callFrame: { functionName, url: `file:///w/libs/x/${functionName}.ts`, lineNumber: line - 1 },
  selfSize,
  children: children as never[],
});

describe('RetainedHeapRecorder', () => {
  it('sums live sampled bytes per allocation site and ranks sites by change', () => {
    const start = node('(root)', 1, 0, [
      node('onBatch', 10, 0, [node('fanOut', 20, 4096), node('dispatch', 30, 1024)]),
    ]);
    const end = node('(root)', 1, 0, [
      node('onBatch', 10, 0, [node('fanOut', 20, 4096), node('dispatch', 30, 9216)]),
      node('boot', 5, 2048),
    ]);
    const sites = RetainedHeapRecorder.diff(start, end, 2);
    expect(sites[0]).toEqual({
      site: 'dispatch x/dispatch.ts:30 ← onBatch x/onBatch.ts:10',
      startKb: 1,
      endKb: 9,
    });
    expect(sites[1]).toMatchObject({ site: 'boot x/boot.ts:5 ← (root) x/(root).ts:1', endKb: 2 });
    expect(sites[2]).toMatchObject({ startKb: 4, endKb: 4 }); // unchanged: last
  });
});
