import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** A part of docs/module-shape.md a module lacks or breaks. */
export interface ShapeViolation {
  readonly module: string;
  readonly file: string;
  readonly rule: string;
}

const KEBAB_FILE = /^[a-z0-9]+(-[a-z0-9]+)*(\.[a-z0-9]+(-[a-z0-9]+)*)*\.tsx?$/;
const camel = (name: string) => name.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/** Exported functions whose parameter list is not followed by a declared return type. */
function undeclaredReturns(source: string): string[] {
  const names: string[] = [];
  for (const match of source.matchAll(/export (?:async )?function (\w+)(?:<[^(]*>)?\(/g)) {
    let depth = 1;
    let index = (match.index ?? 0) + match[0].length;
    while (depth > 0 && index < source.length) {
      const char = source[index++];
      if (char === '(') depth++;
      else if (char === ')') depth--;
    }
    if (!/^\s*:/.test(source.slice(index))) names.push(match[1] as string);
  }
  return names;
}

function checkModule(modulesRoot: string, repoRoot: string, name: string): ShapeViolation[] {
  const dir = path.join(modulesRoot, name);
  const src = path.join(dir, 'src');
  const violations: ShapeViolation[] = [];
  const fail = (file: string, rule: string) => violations.push({ module: name, file, rule });
  const read = (file: string) => readFileSync(path.join(dir, file), 'utf8');
  const has = (file: string) => existsSync(path.join(dir, file));
  const id = camel(name);

  if (!has('package.json')) fail('package.json', 'a package.json');
  else {
    const pkg = JSON.parse(read('package.json')) as { name?: string; exports?: Record<string, string> };
    if (pkg.name !== `@suite/${name}`) fail('package.json', `is named @suite/${name}`);
    if (pkg.exports?.['.'] !== './src/index.ts' || pkg.exports['./api'] !== './src/api.ts')
      fail('package.json', 'exports "." → ./src/index.ts and "./api" → ./src/api.ts');
  }
  if (!has('src/index.ts')) fail('src/index.ts', 'an index.ts');
  else if (!new RegExp(`export const ${id}Module = defineModule\\(`).test(read('src/index.ts')))
    fail('src/index.ts', `exports ${id}Module = defineModule({ … })`);
  if (!has('src/api.ts')) fail('src/api.ts', 'an api.ts');
  else {
    const api = read('src/api.ts');
    if (/^(import|export)(?! type )/m.test(api)) fail('src/api.ts', 'imports and exports types only');
  }
  if (!has('src/router.ts')) fail('src/router.ts', 'a router.ts');
  else if (!new RegExp(`export const ${id}AppRouter = router\\(`).test(read('src/router.ts')))
    fail('src/router.ts', `exports ${id}AppRouter = router({ … })`);
  if (has('src/integration.ts')) {
    const integration = read('src/integration.ts');
    if (!new RegExp(`export const ${id}IntegrationRouter = router\\(`).test(integration))
      fail('src/integration.ts', `exports ${id}IntegrationRouter = router({ … })`);
    if (!integration.includes('fromContract(') || /integrationProcedure\(/.test(integration))
      fail('src/integration.ts', 'builds every procedure with fromContract(<contract>)');
    if (!existsSync(path.join(repoRoot, 'contracts/src/integration', `${name}.integration.ts`)))
      fail('src/integration.ts', `its contract in contracts/src/integration/${name}.integration.ts`);
  }
  const biome = readFileSync(path.join(repoRoot, 'biome.json'), 'utf8');
  if (!biome.includes(`"modules/${name}/**"`))
    fail('biome.json', `an override with noRestrictedImports for modules/${name}/**`);

  for (const file of filesUnder(src)) {
    const relative = path.relative(dir, file);
    const base = path.basename(file);
    const source = readFileSync(file, 'utf8');
    const folder = path.basename(path.dirname(file));
    if (!KEBAB_FILE.test(base)) fail(relative, 'kebab-case file name');
    if (folder === 'handlers' && !(base.endsWith('.handler.ts') && source.includes('defineSubscription(')))
      fail(relative, 'handlers/<purpose>.handler.ts, one defineSubscription each');
    if (folder === 'jobs' && !(base.endsWith('.job.ts') && source.includes('defineJob(')))
      fail(relative, 'jobs/<job-name>.job.ts, one defineJob each');
    if (base.endsWith('.router.ts')) {
      if (/s\.router\.ts$/.test(base)) fail(relative, 'singular entity in the router name');
      if (/\.transaction\(|\btx\.|ctx\.tenant/.test(source))
        fail(relative, 'routers only wire: inTenant(service)');
      if (/z\.object\(/.test(source)) fail(relative, 'inputs and outputs in <entity>.schema.ts');
    }
    if (base.endsWith('.service.ts') || base.endsWith('.handler.ts') || base.endsWith('.job.ts')) {
      if (/@trpc\/server|TRPCError|foundInOrg/.test(source))
        fail(relative, 'domain errors from @suite/contracts, never tRPC errors');
    }
    if (base.endsWith('.service.ts')) {
      if (/\.transaction\(/.test(source)) fail(relative, 'services never open transactions');
      if (/z\.object\(/.test(source)) fail(relative, 'inputs and outputs in <entity>.schema.ts');
      for (const fn of undeclaredReturns(source)) fail(relative, `exported ${fn} declares its return type`);
    }
  }
  return violations;
}

/** Every part of docs/module-shape.md each module in `modulesRoot` lacks or breaks. */
export function findShapeViolations(modulesRoot: string, repoRoot: string): ShapeViolation[] {
  return readdirSync(modulesRoot, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((entry) => checkModule(modulesRoot, repoRoot, entry.name));
}
