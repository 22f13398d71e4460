import { describe, expect, it } from 'vitest';
import { sampleSuite } from '../testing/sample-suite';
import { BinanceFuturesParser } from './binance-futures.parser.generated';

describe('binance-futures parser', () => {
  sampleSuite(__dirname, 'binance-futures', () => new BinanceFuturesParser());

  it('names perpetuals -PERP and delivery contracts -YYMMDD', () => {
    const p = new BinanceFuturesParser();
    const frame = (s: string): string =>
      `{"e":"aggTrade","E":1,"a":1,"s":"${s}","p":"1","q":"1","f":1,"l":1,"T":1,"m":true}`;
    const sym = (s: string): string => {
      const r = p.parse(frame(s), 0);
      return r.kind === 'events' ? r.events[0].symbol : r.kind;
    };
    expect([sym('BTCUSDT'), sym('ETHUSDT_250926')]).toEqual(['BTC-USDT-PERP', 'ETH-USDT-250926']);
  });

  it('keeps pu as prevSeq', () => {
    const p = new BinanceFuturesParser();
    const r = p.parse(
      '{"e":"depthUpdate","E":1,"T":1,"s":"BTCUSDT","U":5,"u":9,"pu":4,"b":[],"a":[]}',
      0,
    );
    if (r.kind !== 'events' || r.events[0].type !== 'book') throw new Error('not a book');
    expect([r.events[0].seq, r.events[0].prevSeq]).toEqual(['9', '4']);
  });
});
