export * from './env';
export * from './health';
export * from './logger';
export * from './production';
export * from './shutdown';
export * from './topology';
