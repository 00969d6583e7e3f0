export * from './audit';
export * from './data-source';
export * from './ensure-database';
export * from './ids';
export * from './migrate';
export * from './query-counter';
export * from './transaction';
