export * from './dedup-stats';
export * from './dedup-window';
export * from './dedup-window.options';
export * from './dedup.operator';
export * from './event-identity';
export * from './id-hasher';
export * from './errors/dedup-config.error';
export * from './errors/dedup-invalid-event.error';
