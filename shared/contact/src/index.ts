export * from './normalize';
export * from './fields';
