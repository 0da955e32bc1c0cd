export { ConfigError, configSchema, loadConfig, type SuiteConfig } from './env';
export { createLogger, type Logger } from './logger';
export { installedModules, selectModules } from './module-registry';
export { type RunningSuite, startSuite } from './suite';
