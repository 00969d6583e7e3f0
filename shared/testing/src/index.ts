export * from './eventually';
export * from './factories';
export * from './graphql';
export * from './issuer';
export * from './kcat';
export * from './test-infra';
