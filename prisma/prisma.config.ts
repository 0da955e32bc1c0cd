import { defineConfig } from 'prisma/config';

// Lets the standard Prisma CLI (`prisma migrate deploy`, studio) work on this layout where its native
// engine is available; the suite itself migrates offline (docs/decisions/0001-offline-migrations.md).
export default defineConfig({
  schema: 'schema',
  migrations: { path: 'migrations' },
  datasource: { url: process.env.DATABASE_URL ?? '' },
});
