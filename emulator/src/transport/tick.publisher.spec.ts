import { Socket } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EmulatorServer } from '../emulator.server';
import { WsProbe } from '../testing/ws-probe';

describe('TickPublisher', () => {
  let emu: EmulatorServer | undefined;
  const probes: WsProbe[] = [];
  afterEach(async () => {
    vi.restoreAllMocks();
    for (const p of probes.splice(0)) p.close();
    await emu?.stop();
    emu = undefined;
  });

  it('writes one tick to each connection in one socket write, every message its own frame, in order', async () => {
    // A quiet market (rate 0) and a slow clock: only the tick published below sends data.
    emu = await EmulatorServer.start({
      exchanges: ['binance'],
      symbols: ['BTC-USDT', 'ETH-USDT'],
      ratePerSymbol: 0,
      tickMs: 1_000,
      seed: 4,
    });
    const streams = ['btcusdt', 'ethusdt'].flatMap((s) => [
      `${s}@trade`,
      `${s}@depth@100ms`,
      `${s}@bookTicker`,
    ]);
    for (let i = 0; i < 2; i++) {
      probes.push(await WsProbe.open(`${emu.urls.binance.ws}/stream?streams=${streams.join('/')}`));
    }
    const server = emu.servers.get('binance');
    const btc = emu.market('binance', 'BTC-USDT');
    const eth = emu.market('binance', 'ETH-USDT');
    if (!server || !btc || !eth) throw new TypeError('emulator not set up');
    await probes[0].waitFor(() => server.connections.size === 2, 2_000, 'both connections');
    const writes = vi.spyOn(Socket.prototype, 'write');
    const sentBefore = server.status().framesSent;
    server.publish([btc.batch(40, 1_000), eth.batch(40, 1_000)]);
    const sent = server.status().framesSent - sentBefore;
    expect(writes).toHaveBeenCalledTimes(2); // one per connection
    expect(sent).toBeGreaterThan(2 * 6);
    for (const p of probes) {
      await p.waitFor(() => p.frames.length >= sent / 2, 2_000, 'the tick');
      const msgs = p.json() as { stream: string; data: { t?: number } }[];
      expect(msgs).toHaveLength(sent / 2);
      // Batch order (BTC before ETH), and within a symbol the trade ids ascend.
      const firstEth = msgs.findIndex((m) => m.stream.startsWith('eth'));
      expect(firstEth).toBeGreaterThan(0);
      expect(msgs.slice(firstEth).every((m) => m.stream.startsWith('eth'))).toBe(true);
      const ids = msgs.filter((m) => m.stream === 'btcusdt@trade').map((m) => m.data.t as number);
      expect(ids.length).toBeGreaterThan(1);
      expect(ids).toEqual([...ids].sort((a, b) => a - b));
    }
    expect(probes[1].texts()).toEqual(probes[0].texts());
  });
});
