import { describe, expect, it } from 'vitest';
import { RecordDecoder } from './record-decoder';

const json = (o: unknown): Buffer => Buffer.from(JSON.stringify(o));

describe('RecordDecoder', () => {
  const decoder = new RecordDecoder();

  it('skips the aggregator kinds no channel serves, by header or by body, without an error', () => {
    const vwap = json({ kind: 'vwap', symbol: 'BTC-USDT', vwap: '1' });
    expect(decoder.decode('md.agg.candles', vwap, { kind: Buffer.from('vwap') })).toEqual([]);
    expect(decoder.decode('md.agg.candles', vwap)).toEqual([]);
    const depth = json({ kind: 'depth', symbol: 'BTC-USDT', bids: [], asks: [] });
    expect(decoder.decode('md.agg.bbo', depth, { kind: Buffer.from('depth') })).toEqual([]);
  });

  it('decodes a consolidated BBO and still rejects an unknown JSON record', () => {
    const nbbo = { kind: 'nbbo', symbol: 'BTC-USDT', crossed: false };
    expect(decoder.decode('md.agg.bbo', json(nbbo))).toEqual([{ kind: 'nbbo', nbbo }]);
    expect(() => decoder.decode('md.agg.bbo', json({ kind: 'mystery' }))).toThrow(/unrecognized/);
    expect(() => decoder.decode('md.unified', Buffer.from('{"broken'))).toThrow();
  });
});
