const SNAKE_CASE = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/;
const MAX_LENGTH = 64;

export const MIGRATION_NAME_HINT = `a snake_case name of at most ${MAX_LENGTH} characters saying what changes, e.g. add_crm_deal`;

/** Throws a message saying what name is expected; returns the name when it is usable. */
export function validateMigrationName(name: unknown): string {
  if (typeof name !== 'string' || name.length === 0)
    throw new Error(`Missing migration name: give ${MIGRATION_NAME_HINT}.`);
  if (name.length > MAX_LENGTH || !SNAKE_CASE.test(name)) {
    throw new Error(`Invalid migration name "${name}": give ${MIGRATION_NAME_HINT}.`);
  }
  return name;
}
