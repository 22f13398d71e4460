import { describe, expect, it } from 'vitest';
import { RateLimitedSender } from './rate-limited.sender';
import { VirtualTime } from './testing/virtual-time';

describe('RateLimitedSender', () => {
  it('sends at most N frames per second, evenly spaced, first immediately', () => {
    const vt = new VirtualTime();
    const sent: Array<[number, string]> = [];
    const sender = new RateLimitedSender(
      (d) => sent.push([vt.now(), String(d)]) > 0,
      4,
      vt.scheduler,
      100,
      () => undefined,
    );
    for (let i = 0; i < 6; i++) sender.enqueue(`m${i}`);
    vt.advanceTo(10_000);
    expect(sent).toEqual([
      [0, 'm0'],
      [250, 'm1'],
      [500, 'm2'],
      [750, 'm3'],
      [1000, 'm4'],
      [1250, 'm5'],
    ]);
  });

  it('bounds the queue and cancels pending sends on dispose', () => {
    const vt = new VirtualTime();
    let drops = 0;
    const sent: string[] = [];
    const sender = new RateLimitedSender(
      (d) => sent.push(String(d)) > 0,
      1,
      vt.scheduler,
      2,
      () => drops++,
    );
    sender.enqueue('a'); // sent at once
    sender.enqueue('b');
    sender.enqueue('c');
    expect(sender.enqueue('d')).toBe(false);
    expect(drops).toBe(1);
    sender.dispose();
    expect(vt.pending).toBe(0);
    vt.advanceTo(5000);
    expect(sent).toEqual(['a']);
  });
});
