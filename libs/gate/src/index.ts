export * from './config/gate.config';
export * from './config/gate-config.error';
export * from './config/shard';
export * from './config/native-symbol';
export * from './metrics/gate.metrics';
export * from './gate.service';
export * from './gate.module';
