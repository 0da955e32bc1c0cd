import { Prisma, type PrismaClient } from '../generated/client';

/** Models that carry `orgId`; everything the tenant client touches on them is pinned to one org. */
const tenantModels: ReadonlySet<string> = new Set(
  Object.values(Prisma.ModelName).filter((model) => {
    const fields = (Prisma as unknown as Record<string, Record<string, string> | undefined>)[
      `${model}ScalarFieldEnum`
    ];
    return fields !== undefined && 'orgId' in fields;
  }),
);

export class TenantViolationError extends Error {
  constructor(model: string, orgId: string, given: unknown) {
    super(
      `${model}: orgId ${String(given)} does not match the active org ${orgId}; omit orgId to use the active org`,
    );
    this.name = 'TenantViolationError';
  }
}

type Args = Record<string, unknown>;

const FILTERED = new Set([
  'findUnique',
  'findUniqueOrThrow',
  'findFirst',
  'findFirstOrThrow',
  'findMany',
  'count',
  'aggregate',
  'groupBy',
  'update',
  'updateMany',
  'updateManyAndReturn',
  'upsert',
  'delete',
  'deleteMany',
]);
const CREATES = new Set(['create', 'createMany', 'createManyAndReturn']);
const UPDATES = new Set(['update', 'updateMany', 'updateManyAndReturn']);

function assertSameOrg(model: string, orgId: string, row: unknown): void {
  const given = (row as Args | undefined)?.orgId;
  if (given !== undefined && given !== orgId) throw new TenantViolationError(model, orgId, given);
}

function stampOrg(model: string, orgId: string, data: unknown): unknown {
  if (Array.isArray(data)) return data.map((row) => stampOrg(model, orgId, row));
  assertSameOrg(model, orgId, data);
  return { ...(data as Args), orgId };
}

function scopeArgs(model: string, operation: string, args: Args, orgId: string): Args {
  const scoped: Args = { ...args };
  if (FILTERED.has(operation)) {
    // AND keeps the caller's own org filter: asking for another org's rows finds none rather than ours.
    const where = (args.where ?? {}) as Args;
    const and = where.AND === undefined ? [] : Array.isArray(where.AND) ? where.AND : [where.AND];
    scoped.where = { ...where, AND: [...and, { orgId }] };
  }
  if (CREATES.has(operation)) scoped.data = stampOrg(model, orgId, args.data);
  if (UPDATES.has(operation)) assertSameOrg(model, orgId, args.data);
  if (operation === 'upsert') {
    scoped.create = stampOrg(model, orgId, args.create);
    assertSameOrg(model, orgId, args.update);
  }
  return scoped;
}

function orgFilter(orgId: string) {
  return Prisma.defineExtension({
    name: 'org-filter',
    query: {
      $allModels: {
        $allOperations({ model, operation, args, query }) {
          if (!tenantModels.has(model)) return query(args);
          return query(scopeArgs(model, operation, args as Args, orgId) as typeof args);
        },
      },
    },
  });
}

export type OrgTransaction = Prisma.TransactionClient;

/** Prisma's: `timeout` for the whole transaction, `maxWait` to get a connection and begin (ms). */
export interface TransactionOptions {
  readonly timeout?: number;
  readonly maxWait?: number;
}

export interface OrgScope {
  readonly orgId: string;
  /** Runs `fn` in one transaction whose every query sees and writes only this org's rows. */
  transaction<T>(fn: (tx: OrgTransaction) => Promise<T>, options?: TransactionOptions): Promise<T>;
  /**
   * `transaction` with one round trip fewer, for a caller whose first statement sets the org itself:
   * `fn` gets `setOrg`, a `set_config(…)` call to put in that statement (`WITH org AS (SELECT ${setOrg}) …`).
   * Until it runs, RLS shows and accepts no tenant rows, so forgetting it fails closed.
   */
  transactionSettingOrg<T>(
    fn: (tx: OrgTransaction, setOrg: Prisma.Sql) => Promise<T>,
    options?: TransactionOptions,
  ): Promise<T>;
}

const setOrgSql = (orgId: string) => Prisma.sql`set_config('app.org_id', ${orgId}, true)`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Runs of a transaction that PostgreSQL aborted as a deadlock victim (40P01) or a serialization failure (40001). */
const TRANSACTION_RUNS = 5;

function isDeadlockOrSerialization(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    const fields = current as { code?: unknown; originalCode?: unknown; message?: unknown; cause?: unknown };
    if (fields.code === 'P2034' || fields.originalCode === '40P01' || fields.originalCode === '40001')
      return true;
    if (
      typeof fields.message === 'string' &&
      /deadlock detected|could not serialize access/.test(fields.message)
    )
      return true;
    current =
      fields.cause ?? (current as { meta?: { driverAdapterError?: unknown } }).meta?.driverAdapterError;
  }
  return false;
}

type ScopedClient = ReturnType<typeof scopedClient>;
const scopedClient = (client: PrismaClient, orgId: string) => client.$extends(orgFilter(orgId));
/** Extending the client costs more than a query; one per org and client is kept (bounded). */
const scopes = new WeakMap<PrismaClient, Map<string, ScopedClient>>();
const SCOPES_KEPT = 1000;

function cachedScope(client: PrismaClient, orgId: string): ScopedClient {
  const byOrg = scopes.get(client) ?? new Map<string, ScopedClient>();
  scopes.set(client, byOrg);
  let scoped = byOrg.get(orgId);
  if (!scoped) {
    if (byOrg.size >= SCOPES_KEPT) byOrg.clear();
    scoped = scopedClient(client, orgId);
    byOrg.set(orgId, scoped);
  }
  return scoped;
}

/**
 * The only way module code reaches tenant data. Two locks on the same door: the Prisma extension
 * adds `orgId` to every filter and write, and `app.org_id` makes PostgreSQL's RLS policies agree.
 * A transaction PostgreSQL aborts as a deadlock victim or for a serialization failure runs again
 * (a few times, after a short random pause), so `fn` must do nothing but database work.
 */
export function forOrg(client: PrismaClient, orgId: string): OrgScope {
  if (!UUID.test(orgId)) throw new TypeError(`forOrg: "${orgId}" is not an org id (expected a UUID)`);
  const scoped = cachedScope(client, orgId);
  const setOrg = setOrgSql(orgId);
  const runs = async <T>(once: () => Promise<T>): Promise<T> => {
    for (let run = 1; ; run++) {
      try {
        return await once();
      } catch (error) {
        if (run >= TRANSACTION_RUNS || !isDeadlockOrSerialization(error)) throw error;
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * run));
      }
    }
  };
  return {
    orgId,
    transaction: (fn, options) =>
      runs(() =>
        scoped.$transaction(async (tx) => {
          await tx.$executeRaw`SELECT ${setOrg}`;
          return fn(tx as unknown as OrgTransaction);
        }, options),
      ),
    transactionSettingOrg: (fn, options) =>
      runs(() => scoped.$transaction((tx) => fn(tx as unknown as OrgTransaction, setOrg), options)),
  };
}

/**
 * A scope whose transactions are the already open `tx` of the same org: a caller that must do its own
 * writes atomically with a procedure's (an MCP call's rate limit and audit row around a CRM query)
 * hands the procedure this, and the procedure's work joins that one transaction.
 */
export function withinTransaction(orgId: string, tx: OrgTransaction): OrgScope {
  return { orgId, transaction: (fn) => fn(tx), transactionSettingOrg: (fn) => fn(tx, setOrgSql(orgId)) };
}
