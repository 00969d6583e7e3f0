export * from './environments';
export * from './kafka-runtime';
export * from './kcat';
export * from './paths';
export * from './postgres-runtime';
export * from './process-group';
export * from './process-utils';
export * from './system';
