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
 * One URL, two roles: each pool switches role at connect time, so even a superuser URL gets RLS
 * applied on the app pool, and a deployment can still give the roles separate logins later.
 */
export function prismaClientFor(url: string, role: DbRole, max = 10): PrismaClient {
  const adapter = new PrismaPg({ connectionString: url, options: `-c role=${DB_ROLES[role]}`, max });
  return new PrismaClient({ adapter });
}

export function connectDatabase(url: string): Database {
  const app = prismaClientFor(url, 'app');
  const system = prismaClientFor(url, 'system', 4);
  return {
    app,
    system,
    async close() {
      await Promise.all([app.$disconnect(), system.$disconnect()]);
    },
  };
}
