import { Decimal, type BookLevel } from '@feedgate/core';
import { describe, expect, it } from 'vitest';
import { sampleSuite } from '../testing/sample-suite';
import { krakenChecksum } from './kraken.checksum';
import { KrakenParser } from './kraken.parser.generated';

const lv = (p: string, q: string): BookLevel => [Decimal.parse(p), Decimal.parse(q)];

describe('kraken parser', () => {
  sampleSuite(__dirname, 'kraken', () => new KrakenParser());

  it('synthesizes the same v1 trade id for the same frame (dedup across replicas)', () => {
    const frame =
      '[993,[["354.04000000","0.28245396","1618678150.826417","s","m",""],["354.04000000","0.28245396","1618678150.826417","s","m",""]],"trade","XBT/USD"]';
    const ids = (): string[] => {
      const r = new KrakenParser().parse(frame, 0);
      return r.kind === 'events' ? r.events.map((e) => (e.type === 'trade' ? e.id : '')) : [];
    };
    expect(ids()).toEqual(ids());
    expect(new Set(ids()).size).toBe(2);
    const r = new KrakenParser().parse(frame, 0);
    expect(r.kind === 'events' && r.events[0].symbol).toBe('BTC-USD');
  });

  it('parses v2 trades with number tokens kept exact', () => {
    const r = new KrakenParser().parse(
      '{"channel":"trade","type":"snapshot","data":[{"symbol":"MATIC/USD","side":"buy","price":0.5147,"qty":6423.46326,"ord_type":"limit","trade_id":4665846,"timestamp":"2023-09-25T07:48:36.925533Z"}]}',
      0,
    );
    if (r.kind !== 'events' || r.events[0].type !== 'trade') throw new Error('not a trade');
    const t = r.events[0];
    expect([t.symbol, t.id, t.price.toString(), t.amount.toString(), t.side]).toEqual([
      'MATIC-USD',
      '4665846',
      '0.5147',
      '6423.46326',
      'buy',
    ]);
    expect(t.ts).toBeCloseTo(Date.parse('2023-09-25T07:48:36.925Z') + 0.533, 3);
  });

  it('checks a v2 book snapshot checksum', () => {
    const bids = [lv('45283.5', '0.10000000'), lv('45283.4', '1.54582015')];
    const asks = [lv('45285.2', '0.00100000'), lv('45286.4', '1.54571953')];
    const sum = krakenChecksum(bids, asks);
    const frame = (c: number): string =>
      `{"channel":"book","type":"snapshot","data":[{"symbol":"BTC/USD","bids":[{"price":45283.5,"qty":0.10000000},{"price":45283.4,"qty":1.54582015}],"asks":[{"price":45285.2,"qty":0.00100000},{"price":45286.4,"qty":1.54571953}],"checksum":${c}}]}`;
    const valid = (c: number): boolean | undefined => {
      const r = new KrakenParser().parse(frame(c), 0);
      if (r.kind !== 'events' || r.events[0].type !== 'book') throw new Error('not a book');
      return r.events[0].checksumValid;
    };
    expect([valid(sum), valid(sum + 1)]).toEqual([undefined, false]);
  });

  it('reads v2 acks and heartbeats as controls', () => {
    const p = new KrakenParser();
    expect(
      p.parse(
        '{"method":"subscribe","result":{"channel":"book","symbol":"BTC/USD"},"success":true,"time_in":"x","time_out":"y"}',
        0,
      ).kind,
    ).toBe('control');
    expect(p.parse('{"channel":"heartbeat"}', 0)).toEqual({
      kind: 'control',
      control: 'heartbeat',
    });
  });
});
