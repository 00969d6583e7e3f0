export * from './jobs';
export * from './migration';
export * from './scheduler';
