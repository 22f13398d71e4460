export * from './config/dedup.config';
export * from './config/dedup-config.error';
export * from './engine/dedup.engine';
export * from './dedup.pipeline';
export * from './dedup.metrics';
export * from './dedup.service';
export * from './dedup.module';
