import { describe, expect, it } from 'vitest';
import { LagHistogram } from './lag.histogram';

describe('LagHistogram', () => {
  it('renders cumulative buckets, sum and count per exchange with the default labels', () => {
    const h = new LagHistogram('gate_exchange_lag_seconds', 'lag', { gate: 'g"1' });
    h.observe('binance', 0.003);
    h.observe('binance', 0.003);
    h.observe('binance', 7);
    h.observe('okx', 0.001);
    const text = h.text();
    expect(text).toContain('# TYPE gate_exchange_lag_seconds histogram');
    expect(text).toContain(
      'gate_exchange_lag_seconds_bucket{gate="g\\"1",exchange="binance",le="0.001"} 0',
    );
    expect(text).toContain(
      'gate_exchange_lag_seconds_bucket{gate="g\\"1",exchange="binance",le="0.005"} 2',
    );
    expect(text).toContain(
      'gate_exchange_lag_seconds_bucket{gate="g\\"1",exchange="binance",le="5"} 2',
    );
    expect(text).toContain(
      'gate_exchange_lag_seconds_bucket{gate="g\\"1",exchange="binance",le="+Inf"} 3',
    );
    expect(text).toContain('gate_exchange_lag_seconds_count{gate="g\\"1",exchange="binance"} 3');
    expect(text).toContain('gate_exchange_lag_seconds_sum{gate="g\\"1",exchange="binance"} 7.006');
    // 0.001 is inside the first bucket (le is inclusive).
    expect(text).toContain(
      'gate_exchange_lag_seconds_bucket{gate="g\\"1",exchange="okx",le="0.001"} 1',
    );
  });
});
