export { devHubSeedTables } from './dev-hub.docs';
export { type DevHub, type DevHubOptions, devHubSigningKey, startDevHub } from './dev-hub.server';
