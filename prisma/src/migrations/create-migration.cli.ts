import path from 'node:path';
import { createMigration } from './create-migration';
import { validateMigrationName } from './migration-name';

// Usage: npm run db:migration -- <snake_case_name>
async function main(args: string[]): Promise<number> {
  if (args.length > 1) {
    console.error(`Expected one migration name, got ${args.length}: ${args.join(' ')}`);
    return 2;
  }
  let name: string;
  try {
    name = validateMigrationName(args[0]);
  } catch (error) {
    console.error(`${(error as Error).message}\nUsage: npm run db:migration -- <name>`);
    return 2;
  }
  const created = await createMigration({ name });
  if (!created) {
    console.log('No schema changes since the last migration; nothing written.');
    return 0;
  }
  console.log(`Wrote ${path.relative(process.cwd(), created.file)}\n`);
  console.log(created.sql);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
