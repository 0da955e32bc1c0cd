import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../generated/client';

/** PostgreSQL roles created by the first migration. See docs/decisions/0001-offline-migrations.md. */
export const DB_ROLES = { app: 'suite_app', system: 'suite_system' } as const;
export type DbRole = keyof typeof DB_ROLES;

export interface Database {
  /** Module code: row-level security applies; reach tenant rows through `forOrg`. */
  readonly app: PrismaClient;
  /** System work (relay, migrations bookkeeping, org provisioning): sees every org. */
  readonly system: PrismaClient;
  close(): Promise<void>;
}

/**
 * Prisma's defaults (2 s to begin, 5 s in all) turn a busy moment into a failed request: a transaction
 * that waited 2 s for a pooled connection answered 500 where the same request a moment later succeeds.
 * The wait stays bounded, below the 60 s an HTTP client or a bus handler allows.
 */
const TRANSACTION_DEFAULTS = { maxWait: 10_000, timeout: 30_000 } as const;

/**
 * Each pool switches role at connect time (`-c role=`). The app pool should log in as a role that holds
 * nothing but `suite_app` (`ensureAppLogin`), or it could switch back; the system pool uses the owner's
 * login.
 */
export function prismaClientFor(url: string, role: DbRole, max = 10): PrismaClient {
  const adapter = new PrismaPg({ connectionString: url, options: `-c role=${DB_ROLES[role]}`, max });
  // 'minimal': otherwise Prisma captures a stack trace (`new Error()`) on every query to point a failure
  // at its call site, 1.6-1.8 % of a publisher's CPU (decision 0162); staff never see that call site
  // anyway (failureReason).
  return new PrismaClient({ adapter, transactionOptions: TRANSACTION_DEFAULTS, errorFormat: 'minimal' });
}

/** `appUrl`: the app pool's own login (`ensureAppLogin`); without it the app pool switches down from `url`'s. */
export function connectDatabase(url: string, appUrl = url): Database {
  const app = prismaClientFor(appUrl, 'app');
  const system = prismaClientFor(url, 'system', 4);
  return {
    app,
    system,
    async close() {
      await Promise.all([app.$disconnect(), system.$disconnect()]);
    },
  };
}
