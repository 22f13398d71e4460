import { describe, expect, it } from 'vitest';
import { OkxParser } from '../okx/okx.parser.generated';
import { okxSpec } from '../okx/okx.spec-def';
import { createConnectorProtocol } from './connector-protocol.registry';
import { frameChecksum } from './frame-checksum';
import { overrideUrl, restUrl } from './protocol-urls';
import { SpecConnectorProtocol } from './spec-connector.protocol';

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
    const session = okx.createSession();
    const r = session.parse(
      '{"arg":{"channel":"books","instId":"BTC-USDT"},"action":"update","data":[{"asks":[["2","1","0","1"]],"bids":[],"ts":"1","checksum":-5,"prevSeqId":1,"seqId":2}]}',
      0,
    );
    expect(r.kind === 'events' && r.checksum).toBe(-5);
    expect(session.parse('pong', 0)).toEqual({
      kind: 'control',
      control: { type: 'pong', message: undefined },
    });
    expect(() => createConnectorProtocol('nope')).toThrow(/no connector protocol/);
  });

  it('every connection gets its own session with a fresh generated parser', () => {
    let made = 0;
    const p = new SpecConnectorProtocol({
      spec: okxSpec,
      createParser: () => {
        made += 1;
        return new OkxParser();
      },
    });
    const a = p.createSession();
    const b = p.createSession();
    expect(made).toBe(2);
    expect(a).not.toBe(b);
    const frame =
      '{"arg":{"channel":"trades","instId":"BTC-USDT"},"data":[{"instId":"BTC-USDT","tradeId":"9","px":"1.5","sz":"2","side":"buy","ts":"1"}]}';
    const r = a.parse(frame, 0);
    expect(r.kind === 'events' && r.events.map((e) => e.type === 'trade' && e.id)).toEqual(['9']);
    expect(b.parse(frame, 0)).toEqual(r);
  });

  it('bybit: orderbook.1 (its BBO feed) becomes a bbo event and never touches the book', () => {
    const session = createConnectorProtocol('bybit').createSession();
    const top = (topic: string): string =>
      `{"topic":"${topic}.BTCUSDT","type":"snapshot","ts":5,"data":{"s":"BTCUSDT","b":[["9.5","2"]],"a":[["10.5","3"]],"u":7,"seq":1},"cts":5}`;
    const bbo = session.parse(top('orderbook.1'), 1);
    expect(bbo.kind === 'events' && bbo.events).toMatchObject([
      { type: 'bbo', symbol: 'BTC-USDT', ts: 5, localTs: 1 },
    ]);
    const e = bbo.kind === 'events' ? bbo.events[0] : undefined;
    expect(e?.type === 'bbo' && [e.bidPrice, e.bidAmount, e.askPrice, e.askAmount].join()).toBe(
      '9.5,2,10.5,3',
    );
    const book = session.parse(top('orderbook.50'), 1);
    expect(book.kind === 'events' && book.events.map((x) => x.type)).toEqual(['book']);
  });
});
