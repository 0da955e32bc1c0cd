import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { MODULE_NAMES } from '@suite/contracts';

/** Packages any module may import; other modules only through `import type` from `@suite/<name>/api`. */
const SHARED = new Set(['@suite/contracts', '@suite/bus', '@suite/hub-auth', '@suite/db', '@suite/jobs']);
const IMPORT =
  /(?:^|[\s;])(import|export)\s+(type\s+)?(?:[\w*{}\s,$]+from\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

export interface BoundaryViolation {
  readonly file: string;
  readonly specifier: string;
  readonly reason: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter(
      (entry) =>
        entry.isFile() && /\.(ts|tsx|mts)$/.test(entry.name) && !entry.parentPath.includes('node_modules'),
    )
    .map((entry) => path.join(entry.parentPath, entry.name));
}

function check(
  moduleName: string,
  moduleDir: string,
  file: string,
  specifier: string,
  typeOnly: boolean,
): string | undefined {
  if (specifier.startsWith('.')) {
    const target = path.resolve(path.dirname(file), specifier);
    return target.startsWith(moduleDir + path.sep) ? undefined : 'reaches outside the module folder';
  }
  if (!specifier.startsWith('@suite/')) return undefined;
  const [scope = '', name = '', ...rest] = specifier.split('/');
  const pkg = `${scope}/${name}`;
  if (SHARED.has(pkg) || name === moduleName) return undefined;
  if (!(MODULE_NAMES as readonly string[]).includes(name))
    return `${pkg} is not a package modules may import`;
  if (!typeOnly || rest.join('/') !== 'api')
    return `another module: only \`import type\` from ${pkg}/api is allowed`;
  return undefined;
}

/** Every import in `modules/<name>/` that breaks the boundary rule of ARCHITECTURE. */
export function findBoundaryViolations(modulesRoot: string): BoundaryViolation[] {
  const violations: BoundaryViolation[] = [];
  const modules = readdirSync(modulesRoot, { withFileTypes: true }).filter((entry) => entry.isDirectory());
  for (const { name: moduleName } of modules) {
    const moduleDir = path.join(modulesRoot, moduleName);
    for (const file of sourceFiles(moduleDir)) {
      for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
        const specifier = match[3] ?? match[4] ?? '';
        const reason = check(moduleName, moduleDir, file, specifier, match[2] !== undefined);
        if (reason) violations.push({ file: path.relative(modulesRoot, file), specifier, reason });
      }
    }
  }
  return violations;
}
