import { describe, expect, it } from 'vitest';
import { AggEvents } from '../testing/agg-events';
import type { AggOutput } from './agg-output';
import { AggOutputEncoder } from './agg-output.encoder';
import { AggregationPipeline } from './aggregation.pipeline';
import type { AggregationMode } from './aggregation-pipeline.options';

const T0 = 1_700_000_040_000;

/** Same input for every mode: 3 venues quoting, one venue book crossed, repeated trades. */
function run(mode: AggregationMode): AggOutput[] {
  const p = new AggregationPipeline({ mode, candles: { intervals: ['1s'] } });
  const out: AggOutput[] = [];
  for (const ex of ['binance', 'okx', 'kraken']) {
    out.push(...p.process(AggEvents.bbo(ex, 'BTC-USDT', T0, ['100', '1'], ['101', '1']), T0));
  }
  // kraken's own book crossed: a per-venue (book) alert.
  out.push(
    ...p.process(
      AggEvents.book('kraken', 'BTC-USDT', T0, true, [['102', '1']], [['101', '1']]),
      T0,
    ),
  );
  for (let i = 0; i < 5; i++) {
    out.push(...p.process(AggEvents.trade('okx', 'BTC-USDT', T0 + i, '100.5', '2'), T0 + i));
  }
  out.push(...p.tick(T0 + 1_500));
  return out;
}

const kinds = (os: AggOutput[]) =>
  [...new Set(os.map((o) => ('alert' in o ? `alert:${o.alert.kind}` : o.message.kind)))].sort();

describe('AggregationPipeline modes', () => {
  it('per-venue and cross-venue own disjoint outputs whose union is mode all', () => {
    const all = kinds(run('all'));
    const per = kinds(run('per-venue'));
    const cross = kinds(run('cross-venue'));
    expect(per).toEqual(['alert:crossed-book', 'alert:wash-trade', 'candle', 'vwap']);
    expect(cross).toEqual(['depth', 'nbbo', 'vwap']);
    expect(all).toEqual([...new Set([...per, ...cross])].sort());
    // VWAP is split too: per-exchange series per-venue, the cross-exchange one cross-venue.
    const vwapExchanges = (os: AggOutput[]) =>
      os.flatMap((o) => ('message' in o && o.message.kind === 'vwap' ? [o.message.exchange] : []));
    expect(vwapExchanges(run('per-venue'))).toEqual(['okx', 'okx']); // windows 1 m and 5 m
    expect(vwapExchanges(run('cross-venue'))).toEqual([null, null]);
  });

  it('encodes JSON per message and one alert frame per run of a key', () => {
    const records = new AggOutputEncoder('t', 1).encode(run('all'));
    const topics = Object.fromEntries(records.map((g) => [g.topic, g.records]));
    expect(Object.keys(topics).sort()).toEqual(['md.agg.bbo', 'md.agg.candles', 'md.alerts']);
    expect(topics['md.alerts'].map((r) => r.key)).toEqual(['kraken:BTC-USDT', 'okx:BTC-USDT']);
    const first = topics['md.agg.bbo'][0];
    expect(first.headers).toEqual({ kind: 'nbbo', 'content-type': 'application/json' });
    expect(JSON.parse(first.value.toString()).bidExchange).toBe('binance');
  });
});
