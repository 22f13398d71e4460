import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSampleLines } from '../testing/sample-lines';
import { sampleSuite } from '../testing/sample-suite';
import { okxChecksum } from './okx.checksum';
import { OkxParser } from './okx.parser.generated';

describe('okx parser', () => {
  sampleSuite(__dirname, 'okx', () => new OkxParser());

  const snapshot = readSampleLines(join(__dirname, 'fixtures', 'okx.samples.jsonl')).find(
    (l) => l.id === 'okx-006',
  );

  it('verifies the checksum of a delivered snapshot', () => {
    const r = new OkxParser().parse(snapshot!.rawText, 0);
    if (r.kind !== 'events' || r.events[0].type !== 'book') throw new Error('not a book');
    const b = r.events[0];
    expect(b.checksumValid).toBeUndefined();
    expect(okxChecksum(b.bids, b.asks)).toBe(-59769065);
  });

  it('flags a snapshot whose checksum does not match', () => {
    const bad = snapshot!.rawText.replace('"checksum":-59769065', '"checksum":12345');
    const r = new OkxParser().parse(bad, 0);
    if (r.kind !== 'events' || r.events[0].type !== 'book') throw new Error('not a book');
    expect(r.events[0].checksumValid).toBe(false);
  });

  it('answers the literal pong and names derivatives', () => {
    const p = new OkxParser();
    expect(p.parse('pong', 0)).toEqual({ kind: 'control', control: 'pong' });
    const t = (inst: string): string => {
      const r = p.parse(
        `{"arg":{"channel":"trades","instId":"${inst}"},"data":[{"instId":"${inst}","tradeId":"1","px":"1","sz":"1","side":"buy","ts":"1"}]}`,
        0,
      );
      return r.kind === 'events' ? r.events[0].symbol : r.kind;
    };
    expect([t('BTC-USDT-SWAP'), t('BTC-USD-220527'), t('ETH-USD-220624-20000-C')]).toEqual([
      'BTC-USDT-PERP',
      'BTC-USD-220527',
      'ETH-USD-220624-20000-C',
    ]);
  });

  it('reads bbo-tbt as a bbo', () => {
    const r = new OkxParser().parse(
      '{"arg":{"channel":"bbo-tbt","instId":"BTC-USDT"},"data":[{"asks":[["2","3","0","1"]],"bids":[["1","4","0","1"]],"ts":"1700000000000","seqId":7}]}',
      0,
    );
    if (r.kind !== 'events' || r.events[0].type !== 'bbo') throw new Error('not a bbo');
    const e = r.events[0];
    expect([e.bidPrice, e.bidAmount, e.askPrice, e.askAmount].map(String)).toEqual([
      '1',
      '4',
      '2',
      '3',
    ]);
  });
});
