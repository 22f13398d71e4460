import { Decimal } from '@feedgate/core';
import { describe, expect, it } from 'vitest';
import { toJsonConsolidatedBbo, type ConsolidatedBbo } from '../nbbo/consolidated-bbo.model';
import { toJsonVwap, type VwapResult } from '../vwap/vwap-result';
import { nbboMessage, vwapMessage } from './agg-messages';

const d = (s: string) => Decimal.parse(s);

describe('md.agg message builders', () => {
  it('nbboMessage is byte for byte the spread of the JSON model, both sides or none', () => {
    const full: ConsolidatedBbo = {
      symbol: 'BTC-USDT',
      bidPrice: d('100.10'),
      bidAmount: d('2'),
      bidExchange: 'okx',
      askPrice: d('100.0'),
      askAmount: d('0.5'),
      askExchange: 'kraken',
      crossed: true,
      locked: false,
      ts: 1_700_000_000_123,
      localTs: 1_700_000_000_130,
      venues: 3,
    };
    const empty: ConsolidatedBbo = {
      ...full,
      bidPrice: null,
      bidAmount: null,
      bidExchange: null,
      askPrice: null,
      askAmount: null,
      askExchange: null,
      crossed: false,
      ts: Number.NEGATIVE_INFINITY, // serialized as null, like JSON.stringify does
      venues: 0,
    };
    for (const b of [full, empty]) {
      expect(JSON.stringify(nbboMessage(b))).toBe(
        JSON.stringify({ kind: 'nbbo', ...toJsonConsolidatedBbo(b) }),
      );
    }
  });

  it('vwapMessage is byte for byte the spread of the JSON model, empty window included', () => {
    const r: VwapResult = {
      symbol: 'ETH-USDT',
      exchange: null,
      windowMs: 60_000,
      vwap: d('3000.123456'),
      scale: 6,
      volume: d('1.500'),
      notional: d('4500.1851840'),
      trades: 7,
      from: 1_700_000_000_000,
      to: 1_700_000_060_000,
      truncated: 0,
    };
    for (const x of [r, { ...r, exchange: 'okx', vwap: null, volume: d('0'), trades: 0 }]) {
      expect(JSON.stringify(vwapMessage(x))).toBe(
        JSON.stringify({ kind: 'vwap', ...toJsonVwap(x) }),
      );
    }
  });
});
