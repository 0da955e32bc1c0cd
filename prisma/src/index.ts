export type { AuditLogEntry, Organization, PrismaClient } from '../generated/client';
export { Prisma } from '../generated/client';
export { databaseUrl, dropDatabase, ensureDatabase } from './admin';
export { appLoginUrl, ensureAppLogin } from './app-login';
export { connectDatabase, type Database, DB_ROLES, type DbRole } from './client';
export { loadEmbeddedPostgres, type RunningPostgres, startEmbeddedPostgres } from './embedded-postgres';
export { failureReason } from './failure-reason';
export { applyMigrations, pendingMigrations } from './migrations';
export {
  forOrg,
  type OrgScope,
  type OrgTransaction,
  TenantViolationError,
  withinTransaction,
} from './tenant-client';
