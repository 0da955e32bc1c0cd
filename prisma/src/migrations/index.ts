export { type ApplyMigrationsOptions, applyMigrations, pendingMigrations } from './apply-migrations';
export { type CreatedMigration, type CreateMigrationOptions, createMigration } from './create-migration';
export { MIGRATION_NAME_HINT, validateMigrationName } from './migration-name';
export { MIGRATIONS_DIR, type MigrationDirs, SCHEMA_DIR, SNAPSHOT_FILE } from './migration-paths';
export { type RewriteSnapshotOptions, rewriteSnapshot } from './rewrite-snapshot';
export { type PendingSchemaChange, pendingSchemaChange, schemaDiffSql, schemaDrift } from './schema-drift';
export { type SchemaEngineOptions, schemaEngineVersion, withSchemaEngine } from './schema-engine';
export { APP_ROLE, ORG_SETTING, rowLevelSecuritySql, SYSTEM_ROLE, tenancySql } from './tenancy-sql';
