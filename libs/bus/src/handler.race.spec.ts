import { describe, expect, it } from 'vitest';
import { HandlerRace } from './handler.race';

describe('HandlerRace', () => {
  it('resolves true when the handler settles and retains nothing afterwards', async () => {
    const race = new HandlerRace();
    for (let i = 0; i < 1000; i++) expect(await race.wait(Promise.resolve())).toBe(true);
    expect(race.pending).toBe(0);
  });

  it('resolves false for pending and later waits once abandoned, and passes handler errors on', async () => {
    const race = new HandlerRace();
    const never = race.wait(new Promise(() => undefined));
    expect(race.pending).toBe(1);
    race.abandon();
    await expect(never).resolves.toBe(false);
    expect(race.pending).toBe(0);
    await expect(race.wait(Promise.reject(new Error('late')))).resolves.toBe(false);
    await expect(new HandlerRace().wait(Promise.reject(new Error('boom')))).rejects.toThrow('boom');
  });
});
