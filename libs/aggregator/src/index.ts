export * from './errors/aggregator-config.error';

export * from './candles/candle-window';
export * from './candles/candle.options';
export * from './candles/candle-output';
export * from './candles/candle.aggregator';

export * from './vwap/vwap.options';
export * from './vwap/vwap-result';
export * from './vwap/vwap.calculator';

export * from './nbbo/venue-quote';
export * from './nbbo/consolidated-bbo.options';
export * from './nbbo/consolidated-bbo.model';
export * from './nbbo/consolidated-bbo';
export * from './nbbo/consolidated-depth.model';
export * from './nbbo/consolidated-depth';

export * from './alerts/alert.config';
export * from './alerts/alert-factory';
export * from './alerts/anomaly.detector';

export * from './pipeline/agg-output';
export * from './pipeline/agg-output.encoder';
export * from './pipeline/aggregation-pipeline.options';
export * from './pipeline/aggregation.pipeline';
export * from './pipeline/aggregation.runner';
