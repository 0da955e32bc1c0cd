export { termEndsOn } from './dates/contract-term';
export {
  conflict,
  DomainError,
  type DomainErrorKind,
  forbidden,
  found,
  invalid,
  isDomainError,
  notFound,
  unavailable,
} from './errors/domain-errors';
export * from './events';
export * from './integration';
export {
  defineModule,
  MODULE_NAMES,
  type ModuleErasure,
  type ModuleErasureReport,
  type ModuleHttpReply,
  type ModuleHttpRequest,
  type ModuleJob,
  type ModuleName,
  type ModuleRoute,
  type ModuleSubscription,
  type PersonToErase,
  type SuiteModule,
} from './module';
export { type DecimalLike, formatMoney } from './money/money-format';
export { compactPage, nextCursor } from './paging/compact-page';
export { decodeOffset, encodeOffset, pageOf } from './paging/offset-cursor';
export { normalisePhone, type PhoneNumber, phoneCountry } from './phone/phone-number';
