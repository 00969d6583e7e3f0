export * from './ownership';
export * from './mask';
export * from './permissions';
export * from './roles';
export * from './verify';
export * from './viewer';
export * from './gateway-credential';
