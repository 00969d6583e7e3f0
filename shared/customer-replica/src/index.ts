export * from './migration';
export * from './replica';
export * from './scope';
