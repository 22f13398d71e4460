export * from './config/config.error';
export * from './config/aggregator.config';
export * from './aggregator.service';
export * from './aggregator.module';
