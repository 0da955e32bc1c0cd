import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { findBoundaryViolations } from '../src/module-boundaries';

const fixture = mkdtempSync(path.join(tmpdir(), 'suite-boundaries-'));
function write(file: string, source: string) {
  mkdirSync(path.dirname(path.join(fixture, file)), { recursive: true });
  writeFileSync(path.join(fixture, file), source);
}
afterAll(() => rmSync(fixture, { recursive: true, force: true }));

describe('module boundaries', () => {
  it('reports a module importing another module’s source, and allows the permitted imports', () => {
    write('psa/src/api.ts', `export type PsaRouter = { x: 1 };\n`);
    write(
      'crm/src/deals/deal.service.ts',
      [
        `import { z } from 'zod';`,
        `import { forOrg } from '@suite/db';`,
        `import type { PsaRouter } from '@suite/psa/api';`,
        `import { helper } from '../helpers/helper';`,
        `import { createProject } from '../../../psa/src/projects/project.service';`,
        `import { psaRouter } from '@suite/psa/api';`,
        `export { thing } from '@suite/psa';`,
        `const lazy = await import('@suite/suite');`,
      ].join('\n'),
    );
    // Not even a module's tests import the composition root: tests that run a suite live in suite/test/.
    write('psa/test/flows.test.ts', `import { startSuite } from '@suite/suite';\n`);
    const violations = findBoundaryViolations(fixture);
    expect(violations.map((violation) => violation.specifier)).toEqual([
      '../../../psa/src/projects/project.service',
      '@suite/psa/api',
      '@suite/psa',
      '@suite/suite',
      '@suite/suite',
    ]);
    expect(violations[0]).toMatchObject({
      file: 'crm/src/deals/deal.service.ts',
      reason: 'reaches outside the module folder',
    });
  });

  it('holds for the modules of this repository', () => {
    const modulesRoot = fileURLToPath(new URL('../../modules', import.meta.url));
    expect(existsSync(modulesRoot) ? findBoundaryViolations(modulesRoot) : []).toEqual([]);
  });
});
