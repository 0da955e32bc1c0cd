export * from './events';
export * from './integration';
export {
  defineModule,
  MODULE_NAMES,
  type ModuleJob,
  type ModuleName,
  type ModuleSubscription,
  type SuiteModule,
} from './module';
