import { describe, expect, it } from 'vitest';
import { sampleSuite } from '../testing/sample-suite';
import { BybitParser } from './bybit.parser.generated';

describe('bybit parser', () => {
  sampleSuite(__dirname, 'bybit', () => new BybitParser());

  it('names symbols by the connection category', () => {
    const frame =
      '{"topic":"publicTrade.BTCUSDT","ts":1,"type":"snapshot","data":[{"i":"1","T":1,"p":"1","v":"1","S":"Buy","s":"BTCUSDT","BT":false}]}';
    const sym = (p: BybitParser): string => {
      const r = p.parse(frame, 0);
      return r.kind === 'events' ? r.events[0].symbol : r.kind;
    };
    expect([sym(new BybitParser()), sym(new BybitParser({ category: 'linear' }))]).toEqual([
      'BTC-USDT',
      'BTC-USDT-PERP',
    ]);
  });

  it('recognises pongs and failed subscriptions', () => {
    const p = new BybitParser();
    expect(p.parse('{"success":true,"ret_msg":"pong","conn_id":"x","op":"ping"}', 0)).toEqual({
      kind: 'control',
      control: 'pong',
    });
    expect(p.parse('{"req_id":"","op":"pong","args":["1"],"conn_id":"x"}', 0)).toEqual({
      kind: 'control',
      control: 'pong',
    });
    expect(
      p.parse('{"success":false,"ret_msg":"error:handler not found","op":"subscribe"}', 0),
    ).toEqual({
      kind: 'control',
      control: 'error',
      detail: 'error:handler not found',
    });
  });
});
