import { describe, expect, it } from 'vitest';
import { sampleSuite } from '../testing/sample-suite';
import { BinanceParser } from './binance.parser.generated';

describe('binance parser', () => {
  sampleSuite(__dirname, 'binance', () => new BinanceParser());

  const p = new BinanceParser();

  it('answers SUBSCRIBE acks and errors as controls', () => {
    expect(p.parse('{"result":null,"id":1}', 0)).toEqual({ kind: 'control', control: 'ack' });
    expect(p.parse('{"code":2,"msg":"Invalid request","id":1}', 0)).toEqual({
      kind: 'control',
      control: 'error',
      detail: 'Invalid request',
    });
  });

  it('reads raw (non-combined) streams and number tokens as exact text', () => {
    const r = p.parse(
      '{"e":"trade","E":1,"s":"BTCUSDT","t":12,"p":4714.0,"q":9.2E-7,"T":1700000000123,"m":false}',
      5,
    );
    expect(r.kind).toBe('events');
    if (r.kind !== 'events') return;
    const t = r.events[0];
    if (t.type !== 'trade') throw new Error('not a trade');
    expect([
      t.symbol,
      t.id,
      t.price.toString(),
      t.amount.toString(),
      t.side,
      t.ts,
      t.localTs,
    ]).toEqual(['BTC-USDT', '12', '4714.0', '0.00000092', 'buy', 1700000000123, 5]);
  });

  it('gives spot depth a prevSeq of U - 1 for gap checks', () => {
    const r = p.parse(
      '{"e":"depthUpdate","E":1,"s":"BTCUSDT","U":100,"u":105,"b":[],"a":[["1.5","0"]]}',
      0,
    );
    if (r.kind !== 'events' || r.events[0].type !== 'book') throw new Error('not a book');
    expect([r.events[0].seq, r.events[0].prevSeq]).toEqual(['105', '99']);
  });

  it.each([
    ['empty', '', 'EMPTY_FRAME'],
    ['truncated', '{"stream":"x@trade","data":{"e":"trade","p":"1', 'MALFORMED_JSON'],
    ['not json', 'hello', 'MALFORMED_JSON'],
    ['trailing garbage', '{"result":null,"id":1} x', 'MALFORMED_JSON'],
    ['unknown event', '{"e":"mystery","s":"BTCUSDT"}', 'UNKNOWN_MESSAGE'],
    ['missing price', '{"e":"trade","s":"BTCUSDT","t":1,"q":"1","T":1,"m":true}', 'MISSING_FIELD'],
    [
      'bad price',
      '{"e":"trade","s":"BTCUSDT","t":1,"p":"1.2.3","q":"1","T":1,"m":true}',
      'BAD_NUMBER',
    ],
    [
      'bad time',
      '{"e":"trade","s":"BTCUSDT","t":1,"p":"1","q":"1","T":"soon","m":true}',
      'BAD_TIME',
    ],
  ])('returns a typed error for %s frames, never throws', (_, frame, code) => {
    const r = p.parse(frame, 0);
    expect(r.kind).toBe('error');
    if (r.kind === 'error') expect(r.error.code).toBe(code);
  });

  it('accepts Buffer frames', () => {
    const r = p.parse(Buffer.from('{"result":null,"id":7}'), 0);
    expect(r.kind).toBe('control');
  });
});
