import { describe, expect, it } from 'vitest';
import { createConnectorProtocol } from './connector-protocol.registry';
import { frameChecksum } from './frame-checksum';
import { overrideUrl, restUrl } from './protocol-urls';

const btc = { channel: 'book' as const, symbol: 'BTC-USDT', nativeSymbol: 'BTCUSDT' };

describe('connector protocol adapters', () => {
  it('keeps the spec path under a bare-origin override, takes a full URL as it is', () => {
    expect(overrideUrl('wss://x.com:9443/stream', 'ws://127.0.0.1:4000')).toBe(
      'ws://127.0.0.1:4000/stream',
    );
    expect(overrideUrl('wss://x.com/stream', 'ws://127.0.0.1:4000/ws')).toBe(
      'ws://127.0.0.1:4000/ws',
    );
    expect(
      restUrl(
        'https://a.com/api/v3/depth?symbol={symbol}&limit={depth}',
        'http://h:1',
        'BTCUSDT',
        50,
      ),
    ).toBe('http://h:1/api/v3/depth?symbol=BTCUSDT&limit=50');
  });

  it('reads the integer checksum of a book frame, signed, and nothing else', () => {
    expect(frameChecksum('{"data":[{"checksum":-1234567,"seqId":5}]}')).toBe(-1234567);
    expect(frameChecksum('{"checksum":42}')).toBe(42);
    expect(frameChecksum('{"checksum":"x"}')).toBeUndefined();
    expect(frameChecksum('{"seqId":5}')).toBeUndefined();
  });

  it('binance: combined-stream subscribe frames, REST snapshot at the override, lastUpdateId as seq', () => {
    const p = createConnectorProtocol('binance', {
      urls: { ws: 'ws://127.0.0.1:1', rest: 'http://127.0.0.1:2' },
    });
    expect(p.url(0)).toBe('ws://127.0.0.1:1/stream');
    const sub = JSON.parse(p.buildSubscribe([btc, { ...btc, channel: 'trade' }]) as string);
    expect(sub).toMatchObject({
      method: 'SUBSCRIBE',
      params: ['btcusdt@depth@100ms', 'btcusdt@trade'],
    });
    expect(p.book?.snapshotUrl?.(btc)).toBe(
      'http://127.0.0.1:2/api/v3/depth?symbol=BTCUSDT&limit=1000',
    );
    const snap = p.book?.parseSnapshot?.(
      { lastUpdateId: 77, bids: [['1.50', '2']], asks: [] },
      btc,
      5,
    );
    expect(snap?.seq).toBe('77');
    expect(snap?.bids[0][0].toString()).toBe('1.50');
    expect(() => p.book?.parseSnapshot?.({ bids: [] }, btc, 5)).toThrow(/lastUpdateId/);
  });

  it('kraken: one subscribe frame per channel; okx: checksum exposed on book frames', () => {
    const k = createConnectorProtocol('kraken');
    const frames = k.buildSubscribe([
      { channel: 'trade', symbol: 'BTC-USD', nativeSymbol: 'BTC/USD' },
      { channel: 'book', symbol: 'BTC-USD', nativeSymbol: 'BTC/USD' },
    ]);
    expect(Array.isArray(frames) && frames.length).toBe(2);
    const okx = createConnectorProtocol('okx');
    expect(okx.heartbeat.mode).toBe('app');
    const r = okx.parse(
      '{"arg":{"channel":"books","instId":"BTC-USDT"},"action":"update","data":[{"asks":[["2","1","0","1"]],"bids":[],"ts":"1","checksum":-5,"prevSeqId":1,"seqId":2}]}',
      0,
    );
    expect(r.kind === 'events' && r.checksum).toBe(-5);
    expect(okx.parse('pong', 0)).toEqual({
      kind: 'control',
      control: { type: 'pong', message: undefined },
    });
    expect(() => createConnectorProtocol('nope')).toThrow(/no connector protocol/);
  });
});
