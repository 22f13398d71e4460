export * from './transactional-processor';
export * from './transactional.error';
export * from './in-process.transactional';
export * from './kafka.transactional';
