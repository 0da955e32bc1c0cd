import { PrismaPg } from '@prisma/adapter-pg';
import {
  DriverAdapterError,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils';
import type pg from 'pg';

export interface PgMigrationAdapterFactory extends SqlMigrationAwareDriverAdapterFactory {
  /** Ends every pool this factory opened; the engine's `free()` does not. */
  disposeAll(): Promise<void>;
}

interface PgError extends Error {
  code: string;
  severity?: string;
  detail?: string;
  column?: string;
  hint?: string;
}

const isPgError = (error: unknown): error is PgError =>
  error instanceof Error && typeof (error as Partial<PgError>).code === 'string';

/**
 * PrismaPg's `executeScript` splits the script on every `;` and runs the pieces one by one, which
 * breaks `DO $$ ... $$` blocks and loses atomicity. Send the whole migration as one simple-protocol
 * query instead: PostgreSQL runs it in one implicit transaction, as the native engine does.
 */
async function runWholeScript(pool: pg.Pool, script: string): Promise<void> {
  try {
    await pool.query(script);
  } catch (error) {
    if (!isPgError(error)) throw error;
    throw new DriverAdapterError({
      kind: 'postgres',
      code: error.code,
      severity: error.severity ?? 'ERROR',
      message: error.message,
      detail: error.detail,
      column: error.column,
      hint: error.hint,
    });
  }
}

/** PrismaPg for the schema engine, with whole-script execution and pools that can all be closed. */
export function pgMigrationAdapterFactory(databaseUrl: string): PgMigrationAdapterFactory {
  const factory = new PrismaPg({ connectionString: databaseUrl, max: 2 });
  const open = new Set<SqlDriverAdapter>();
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    async connect() {
      const inner = await factory.connect();
      let disposed = false;
      const adapter: SqlDriverAdapter = {
        provider: inner.provider,
        adapterName: inner.adapterName,
        queryRaw: (query) => inner.queryRaw(query),
        executeRaw: (query) => inner.executeRaw(query),
        startTransaction: (isolationLevel) => inner.startTransaction(isolationLevel),
        getConnectionInfo: () => inner.getConnectionInfo(),
        executeScript: (script) => runWholeScript(inner.underlyingDriver(), script),
        async dispose() {
          if (disposed) return;
          disposed = true;
          open.delete(adapter);
          await inner.dispose();
        },
      };
      open.add(adapter);
      return adapter;
    },
    async connectToShadowDb() {
      throw new Error(
        'The offline migration tooling never uses a shadow database (the pg adapter cannot introspect one). ' +
          'Diff schema files with schemaDatamodel on both sides instead.',
      );
    },
    async disposeAll() {
      await Promise.all([...open].map((adapter) => adapter.dispose()));
    },
  };
}
