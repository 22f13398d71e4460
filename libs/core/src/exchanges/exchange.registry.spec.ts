import { describe, expect, it } from 'vitest';
import { EXCHANGE_ID_FORMAT, EXCHANGE_IDS } from './exchange-id';
import { assertExchangeId, getExchange, isExchangeId, listExchanges } from './exchange.registry';
import { UnknownExchangeError } from './unknown-exchange.error';

const DESIGN_IDS = [
  'binance',
  'binance-futures',
  'coinbase',
  'kraken',
  'okx',
  'bybit',
  'bitfinex',
  'bitstamp',
  'deribit',
  'htx',
  'gateio',
  'kucoin',
  'bitget',
  'mexc',
  'crypto-com',
  'gemini',
  'bitmex',
  'coinbase-advanced',
  'kraken-futures',
  'binance-coinm',
];

describe('exchange registry', () => {
  it('contains every id named in DESIGN.md', () => {
    for (const id of DESIGN_IDS) expect(isExchangeId(id)).toBe(true);
  });

  it('ids are unique, lower-case kebab, and listed with a name and kind', () => {
    expect(new Set(EXCHANGE_IDS).size).toBe(EXCHANGE_IDS.length);
    const list = listExchanges();
    expect(list.map((e) => e.id)).toEqual([...EXCHANGE_IDS]);
    for (const e of list) {
      expect(e.id).toMatch(EXCHANGE_ID_FORMAT);
      expect(e.id).toBe(e.id.toLowerCase());
      expect(e.displayName.trim().length).toBeGreaterThan(0);
      expect(['ws', 'fix', 'chain']).toContain(e.kind);
    }
  });

  it('the format rule rejects non-kebab ids', () => {
    for (const bad of ['Binance', 'crypto_com', 'gate.io', '-okx', 'okx-', 'a--b', '', 'okx\n'])
      expect(bad).not.toMatch(EXCHANGE_ID_FORMAT);
    for (const good of ['okx', 'crypto-com', 'uniswap-v3', '1inch'])
      expect(good).toMatch(EXCHANGE_ID_FORMAT);
  });

  it('filters by kind', () => {
    expect(listExchanges('ws').map((e) => e.id)).toContain('binance');
    expect(listExchanges('fix').every((e) => e.kind === 'fix')).toBe(true);
    expect(
      listExchanges('chain').length + listExchanges('fix').length + listExchanges('ws').length,
    ).toBe(EXCHANGE_IDS.length);
  });

  it('rejects unknown ids with a typed error', () => {
    for (const bad of ['BINANCE', 'binance ', 'ftx', '', 42, null, undefined, {}]) {
      expect(isExchangeId(bad)).toBe(false);
      expect(() => assertExchangeId(bad)).toThrow(UnknownExchangeError);
    }
    expect(() => getExchange('ftx')).toThrow(UnknownExchangeError);
    expect(getExchange('crypto-com').displayName).toBe('Crypto.com Exchange');
    try {
      assertExchangeId('ftx');
    } catch (e) {
      expect((e as UnknownExchangeError).code).toBe('UNKNOWN_EXCHANGE');
    }
  });

  it('entries are frozen', () => {
    const first = listExchanges()[0] as { displayName: string };
    expect(() => {
      first.displayName = 'x';
    }).toThrow(TypeError);
  });
});
