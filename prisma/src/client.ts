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

/** Distinct statements a pool keeps prepared on each connection; others are parsed and planned each time. */
const PREPARED_STATEMENTS = 500;
/** Statement texts seen once that are remembered, waiting for a second use. */
const SEEN_ONCE = 2000;

/**
 * Names each statement text from its second use, up to PREPARED_STATEMENTS names, so that each
 * connection parses and analyses it once: that cut the server's CPU for a one-event publish by 40 %,
 * and by a fifth for a 50-event publishMany (decision 0165). Texts used once (migrations, one-off
 * reports) stay unnamed, and the cap bounds what each connection keeps when texts vary (an `IN` list
 * per length).
 */
function statementNames(): (query: { readonly sql: string }) => string {
  const names = new Map<string, string>();
  const seenOnce = new Set<string>();
  return ({ sql }) => {
    const name = names.get(sql);
    if (name !== undefined) return name;
    if (names.size < PREPARED_STATEMENTS) {
      if (seenOnce.delete(sql)) {
        const next = `suite_${names.size}`;
        names.set(sql, next);
        return next;
      }
      if (seenOnce.size >= SEEN_ONCE) seenOnce.clear();
      seenOnce.add(sql);
    }
    // pg sends an empty name as the unnamed statement.
    return '';
  };
}

/**
 * Each pool switches role at connect time (`-c role=`). The app pool should log in as a role that holds
 * nothing but `suite_app` (`ensureAppLogin`), or it could switch back; the system pool uses the owner's
 * login.
 */
export function prismaClientFor(url: string, role: DbRole, max = 10): PrismaClient {
  const adapter = new PrismaPg(
    { connectionString: url, options: `-c role=${DB_ROLES[role]}`, max },
    { statementNameGenerator: statementNames() },
  );
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
