import { describe, expect, it } from 'vitest';
import * as core from './index';

describe('@feedgate/core public surface', () => {
  it('exports the documented API', () => {
    for (const name of [
      'FeedgateError',
      'Decimal',
      'DecimalParseError',
      'DecimalArithmeticError',
      'ROUNDING_MODES',
      'EXCHANGE_IDS',
      'isExchangeId',
      'assertExchangeId',
      'listExchanges',
      'UnknownExchangeError',
      'normalizeSymbol',
      'parseNormalizedSymbol',
      'isNormalizedSymbol',
      'splitConcatenatedSymbol',
      'normalizeAsset',
      'InvalidSymbolError',
      'toJsonEvent',
      'fromJsonEvent',
      'eventKey',
      'InvalidEventError',
      'UNIFIED_EVENT_TYPES',
    ]) {
      expect(core, name).toHaveProperty(name);
    }
  });

  it('every typed error extends FeedgateError with a distinct stable code', () => {
    const errors = [
      new core.DecimalParseError('x'),
      new core.DecimalArithmeticError('x'),
      new core.UnknownExchangeError('x'),
      new core.InvalidSymbolError('x', 'y'),
      new core.InvalidEventError('x', 'y'),
    ];
    for (const e of errors) expect(e).toBeInstanceOf(core.FeedgateError);
    expect(new Set(errors.map((e) => e.code)).size).toBe(errors.length);
    expect(errors.map((e) => e.name)).toContain('InvalidEventError');
  });

  it('vocabulary lists match the unified event unions', () => {
    expect(core.UNIFIED_EVENT_TYPES).toEqual(['trade', 'book', 'bbo', 'candle', 'status', 'alert']);
    expect(core.TAKER_SIDES).toEqual(['buy', 'sell', 'unknown']);
    expect(core.CANDLE_INTERVALS).toEqual(['1s', '1m', '5m', '1h']);
  });
});
