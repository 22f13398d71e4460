export * from './errors/feedgate.error';
export * from './decimal/decimal';
export * from './decimal/decimal-parse.error';
export * from './events/unified-event';
