import { describe, expect, it } from 'vitest';
import { ChannelWatchdog } from './channel.watchdog';
import type { ChannelSubscription } from './protocol/channel-subscription';

const sub = (
  channel: ChannelSubscription['channel'],
  nativeSymbol: string,
): ChannelSubscription => ({
  channel,
  symbol: nativeSymbol,
  nativeSymbol,
});

describe('ChannelWatchdog', () => {
  const quiet = (c: string): number => (c === 'trade' ? 100 : 50);

  it('flags each quiet (channel, symbol) once per spell, in arming order', () => {
    const dog = new ChannelWatchdog(quiet);
    const subs = [sub('trade', 'A'), sub('book', 'A'), sub('trade', 'B'), sub('book', 'B')];
    for (const s of subs) dog.arm(s, 0);
    expect(dog.due(49)).toEqual([]);
    expect(dog.due(50)).toEqual([subs[1], subs[3]]);
    expect(dog.due(100)).toEqual([subs[0], subs[2]]);
    expect(dog.due(1000)).toEqual([]);
    // Channels due together come out in the order they were armed, across channels.
    const same = new ChannelWatchdog(() => 10);
    const mixed = [sub('trade', 'A'), sub('book', 'A'), sub('trade', 'B'), sub('bbo', 'A')];
    for (const s of mixed) same.arm(s, 0);
    expect(same.due(10)).toEqual(mixed);
  });

  it('data resets the clock of its own (channel, symbol) only and reports a resumption once', () => {
    const dog = new ChannelWatchdog(quiet);
    const a = sub('trade', 'A');
    const b = sub('trade', 'B');
    dog.arm(a, 0);
    dog.arm(b, 0);
    expect(dog.seen('trade', 'A', 90)).toBeUndefined();
    expect(dog.due(100)).toEqual([b]);
    expect(dog.seen('trade', 'B', 120)).toBe(b);
    expect(dog.seen('trade', 'B', 121)).toBeUndefined();
    expect(dog.seen('book', 'A', 121)).toBeUndefined();
    expect(dog.seen('trade', 'C', 121)).toBeUndefined();
    expect(dog.due(190)).toEqual([a]);
  });

  it('re-arming keeps one watch per (channel, symbol); clear forgets them all', () => {
    const dog = new ChannelWatchdog(quiet);
    const a = sub('book', 'A');
    dog.arm(a, 0);
    dog.arm(sub('trade', 'A'), 0);
    dog.arm(a, 40);
    expect(dog.due(60)).toEqual([]);
    expect(dog.due(90)).toEqual([a]);
    dog.clear();
    expect(dog.due(10_000)).toEqual([]);
    expect(dog.seen('book', 'A', 10_000)).toBeUndefined();
  });
});
