import { cpSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { findShapeViolations } from '../src/module-shape';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const copies = mkdtempSync(path.join(tmpdir(), 'suite-shape-'));
afterAll(() => rmSync(copies, { recursive: true, force: true }));

/** A copy of the real CRM module to break one part of. */
function crmCopy(label: string): string {
  const root = path.join(copies, label);
  cpSync(path.join(repoRoot, 'modules/crm'), path.join(root, 'crm'), {
    recursive: true,
    filter: (source) => !source.includes('node_modules'),
  });
  return root;
}
const rulesOf = (modulesRoot: string) =>
  findShapeViolations(modulesRoot, repoRoot).map((v) => `${v.file}: ${v.rule}`);

describe('the module shape (docs/module-shape.md)', () => {
  it('holds for every module of this repository', () => {
    expect(findShapeViolations(path.join(repoRoot, 'modules'), repoRoot)).toEqual([]);
  });

  it('fails for a module missing a required part or breaking a rule', () => {
    const withoutApi = crmCopy('without-api');
    rmSync(path.join(withoutApi, 'crm/src/api.ts'));
    expect(rulesOf(withoutApi)).toEqual(['src/api.ts: an api.ts']);

    const pluralRouter = crmCopy('plural-router');
    const deals = path.join(pluralRouter, 'crm/src/deals');
    renameSync(path.join(deals, 'deal.router.ts'), path.join(deals, 'deals.router.ts'));
    expect(rulesOf(pluralRouter)).toEqual(['src/deals/deals.router.ts: singular entity in the router name']);

    const broken = crmCopy('broken');
    const src = path.join(broken, 'crm/src');
    writeFileSync(path.join(src, 'api.ts'), `export { crmAppRouter } from './router';\n`);
    writeFileSync(path.join(src, 'handlers/Bad_Name.ts'), `export const x = 1;\n`);
    writeFileSync(
      path.join(src, 'deals/deal-audit.service.ts'),
      [
        `import { TRPCError } from '@trpc/server';`,
        `export async function audit(tenant: { transaction(f: unknown): unknown }) {`,
        `  return tenant.transaction(() => { throw new TRPCError({ code: 'NOT_FOUND' }); });`,
        `}`,
      ].join('\n'),
    );
    expect(rulesOf(broken).sort()).toEqual(
      [
        'src/api.ts: imports and exports types only',
        'src/handlers/Bad_Name.ts: kebab-case file name',
        'src/handlers/Bad_Name.ts: handlers/<purpose>.handler.ts, one defineSubscription each',
        'src/deals/deal-audit.service.ts: domain errors from @suite/contracts, never tRPC errors',
        'src/deals/deal-audit.service.ts: services never open transactions',
        'src/deals/deal-audit.service.ts: exported audit declares its return type',
      ].sort(),
    );
  });
});
