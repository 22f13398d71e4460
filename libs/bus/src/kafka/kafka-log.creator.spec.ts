import { Logger } from '@nestjs/common';
import { logLevel } from 'kafkajs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { nestLogCreator } from './kafka-log.creator';

describe('nestLogCreator', () => {
  afterEach(() => vi.restoreAllMocks());

  const entry = (namespace: string, level: logLevel, message: string, extra = {}) => ({
    namespace,
    level,
    label: '',
    log: { timestamp: 'now', logger: 'kafkajs', message, ...extra },
  });

  it('routes kafkajs levels to Nest Logger methods with the namespace as context', () => {
    const error = vi.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const warn = vi.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const log = vi.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    const debug = vi.spyOn(Logger.prototype, 'debug').mockImplementation(() => undefined);
    const write = nestLogCreator(logLevel.DEBUG);
    write(entry('Consumer', logLevel.ERROR, 'Crash', { groupId: 'g' }));
    write(entry('Runner', logLevel.WARN, 'rebalancing'));
    write(entry('Producer', logLevel.INFO, 'connected'));
    write(entry('Connection', logLevel.DEBUG, 'request'));
    expect(error).toHaveBeenCalledWith('Crash {"groupId":"g"}');
    expect(warn).toHaveBeenCalledWith('rebalancing');
    expect(log).toHaveBeenCalledWith('connected');
    expect(debug).toHaveBeenCalledWith('request');
    expect((error.mock.contexts[0] as unknown as { context: string }).context).toBe(
      'kafkajs:Consumer',
    );
  });

  it('demotes routine broker error responses to debug', () => {
    const error = vi.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const debug = vi.spyOn(Logger.prototype, 'debug').mockImplementation(() => undefined);
    nestLogCreator(logLevel.DEBUG)(
      entry('Connection', logLevel.ERROR, 'Response Heartbeat(key: 12)'),
    );
    expect(error).not.toHaveBeenCalled();
    expect(debug).toHaveBeenCalledTimes(1);
  });
});
