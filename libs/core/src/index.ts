export * from './errors/feedgate.error';

export * from './decimal/decimal';
export * from './decimal/decimal-parse.error';
export * from './decimal/decimal-arithmetic.error';
export * from './decimal/rounding-mode';

export * from './exchanges/exchange-id';
export * from './exchanges/exchange.registry';
export * from './exchanges/unknown-exchange.error';

export * from './symbols/asset-aliases';
export * from './symbols/symbol.normalizer';
export * from './symbols/concatenated-symbol.splitter';
export * from './symbols/invalid-symbol.error';

export * from './events/unified-event';
export * from './events/event-vocabulary';
export * from './events/event-json';
export * from './events/event-key';
export * from './events/invalid-event.error';

export * from './wire/ws-text-frame';
export * from './random/mulberry32';
