export { type ApplyMigrationsOptions, applyMigrations, pendingMigrations } from './apply-migrations';
export { type CreatedMigration, type CreateMigrationOptions, createMigration } from './create-migration';
export { MIGRATION_NAME_HINT, validateMigrationName } from './migration-name';
export { MIGRATIONS_DIR, type MigrationDirs, SCHEMA_DIR } from './migration-paths';
export { type PendingSchemaChange, pendingSchemaChange, schemaDrift } from './schema-drift';
export { type SchemaEngineOptions, schemaEngineVersion, withSchemaEngine } from './schema-engine';
export { APP_ROLE, ORG_SETTING, rowLevelSecuritySql, SYSTEM_ROLE, tenancySql } from './tenancy-sql';
