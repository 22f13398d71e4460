import type { FeedState, StatusEvent } from '@feedgate/core';
import { describe, expect, it } from 'vitest';
import { FeedStatusLogger } from './feed-status.logger';

function status(state: FeedState, symbol = '*', reason = 'r'): StatusEvent {
  return {
    type: 'status',
    exchange: 'binance',
    symbol,
    nativeSymbol: symbol,
    ts: 1,
    localTs: 1,
    state,
    reason,
    gaps: [],
  };
}

function recorder(): { lines: string[]; sink: { log(m: string): void; warn(m: string): void } } {
  const lines: string[] = [];
  return {
    lines,
    sink: { log: (m) => lines.push(`log ${m}`), warn: (m) => lines.push(`warn ${m}`) },
  };
}

describe('FeedStatusLogger', () => {
  it('warns on a degraded transition and logs the recovery, once each', () => {
    const { lines, sink } = recorder();
    const logger = new FeedStatusLogger(sink, 'gate-a0');
    logger.observe(status('connecting'));
    logger.observe(status('live'));
    logger.observe(status('backoff', '*', 'socket closed 1006; retry #1 in 300 ms'));
    logger.observe(status('backoff', '*', 'again'));
    logger.observe(status('reconnecting'));
    logger.observe(status('live'));
    expect(lines).toEqual([
      'warn gate-a0 binance * live → backoff: socket closed 1006; retry #1 in 300 ms',
      'log gate-a0 binance * reconnecting → live: r',
    ]);
  });

  it('tracks each symbol on its own', () => {
    const { lines, sink } = recorder();
    const logger = new FeedStatusLogger(sink, 'g');
    logger.observe(status('gap', 'BTC-USDT'));
    logger.observe(status('gap', 'ETH-USDT'));
    logger.observe(status('live', 'BTC-USDT'));
    expect(lines).toEqual([
      'warn g binance BTC-USDT new → gap: r',
      'warn g binance ETH-USDT new → gap: r',
      'log g binance BTC-USDT gap → live: r',
    ]);
  });

  it('stays quiet on a shutdown stop', () => {
    const { lines, sink } = recorder();
    const logger = new FeedStatusLogger(sink, 'g');
    logger.observe(status('live'));
    logger.observe(status('stopped', '*', 'stopped'));
    expect(lines).toEqual([]);
  });
});
