import {
  ColumnTypeEnum,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils';

/** The PostgreSQL version diffs are rendered for; match the oldest server the suite supports. */
const OFFLINE_SERVER = { version: 'PostgreSQL 15.0 (offline diff)', versionNum: 150000 };

function offlineOnly(what: string): never {
  throw new Error(
    `The offline schema engine got a ${what} request, but it has no database. ` +
      'Only schemaDatamodel-to-schemaDatamodel diffs work offline; pass a databaseUrl for anything else.',
  );
}

/**
 * The wasm engine queries the server version when it starts, even for a diff between two schema
 * files that never touches a database. This adapter answers that one query and refuses the rest.
 */
function offlineAdapter(): SqlDriverAdapter {
  return {
    provider: 'postgres',
    adapterName: '@suite/offline-diff',
    async queryRaw(query) {
      if (!/\bversion\(\)/.test(query.sql)) offlineOnly(`query (${query.sql.slice(0, 80)})`);
      return {
        columnNames: ['exists', 'version', 'numeric_version'],
        columnTypes: [ColumnTypeEnum.Boolean, ColumnTypeEnum.Text, ColumnTypeEnum.Int32],
        rows: [[true, OFFLINE_SERVER.version, OFFLINE_SERVER.versionNum]],
      };
    },
    executeRaw: async () => offlineOnly('statement'),
    executeScript: async () => offlineOnly('script'),
    startTransaction: async () => offlineOnly('transaction'),
    getConnectionInfo: () => ({ supportsRelationJoins: true }),
    dispose: async () => {},
  };
}

export function offlineAdapterFactory(): SqlMigrationAwareDriverAdapterFactory {
  return {
    provider: 'postgres',
    adapterName: '@suite/offline-diff',
    connect: async () => offlineAdapter(),
    connectToShadowDb: async () => offlineOnly('shadow database'),
  };
}
