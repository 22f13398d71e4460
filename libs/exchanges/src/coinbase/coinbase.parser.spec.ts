import { describe, expect, it } from 'vitest';
import { sampleSuite } from '../testing/sample-suite';
import { CoinbaseParser } from './coinbase.parser.generated';

describe('coinbase parser', () => {
  sampleSuite(__dirname, 'coinbase', () => new CoinbaseParser());

  it('turns the maker side of a match into the taker side', () => {
    const p = new CoinbaseParser();
    const frame = (side: string): string =>
      `{"type":"match","trade_id":1,"side":"${side}","size":"1","price":"2","product_id":"BTC-USD","sequence":5,"time":"2024-01-01T00:00:00.000001Z"}`;
    const side = (s: string): string => {
      const r = p.parse(frame(s), 0);
      return r.kind === 'events' && r.events[0].type === 'trade' ? r.events[0].side : r.kind;
    };
    expect([side('buy'), side('sell')]).toEqual(['sell', 'buy']);
  });

  it('reads sizes from newer tickers', () => {
    const p = new CoinbaseParser();
    const r = p.parse(
      '{"type":"ticker","product_id":"BTC-USD","best_bid":"1.5","best_bid_size":"2","best_ask":"1.6","best_ask_size":"3","time":"2024-01-01T00:00:00Z"}',
      0,
    );
    if (r.kind !== 'events' || r.events[0].type !== 'bbo') throw new Error('not a bbo');
    expect([r.events[0].bidAmount.toString(), r.events[0].askAmount.toString()]).toEqual([
      '2',
      '3',
    ]);
  });

  it('reports error messages as error controls', () => {
    const r = new CoinbaseParser().parse('{"type":"error","message":"Failed to subscribe"}', 0);
    expect(r).toEqual({ kind: 'control', control: 'error', detail: 'Failed to subscribe' });
  });
});
