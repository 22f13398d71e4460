export * from './codec.error';
export * from './frame-limits';
export * from './frame-header';
export * from './frame.encoder';
export * from './frame.decoder';
