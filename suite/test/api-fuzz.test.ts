import { MODULE_NAMES, type SuiteModule } from '@suite/contracts';
import type { AnyTRPCRouter } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { installedModules } from '../src';
import { type JsonSchema, leavesOf, type Path, replaced, sampleOf } from './support/input-samples';
import type { StaffClient } from './support/staff-client';
import { startTestSuite, type TestSuite } from './support/suite-fixture';

// Hard edges, generated from the router definitions: every procedure of every router (staff and
// integration) of every installed module gets malformed, oversized, wrong-typed and NUL-laden input.
// None may answer 5xx; each answers 400 naming the field at fault; no tenant table changes.

interface Procedure {
  readonly api: 'trpc' | 'integration';
  readonly module: SuiteModule;
  readonly path: string;
  readonly type: 'query' | 'mutation';
  readonly input: z.ZodType | undefined;
}

function proceduresOf(module: SuiteModule): Procedure[] {
  const routers: [Procedure['api'], AnyTRPCRouter | undefined][] = [
    ['trpc', module.appRouter],
    ['integration', module.integrationRouter],
  ];
  return routers.flatMap(([api, router]) =>
    Object.entries(
      (router?._def.procedures ?? {}) as Record<string, { _def: { type: string; inputs: z.ZodType[] } }>,
    ).map(([path, procedure]) => ({
      api,
      module,
      path,
      type: procedure._def.type as Procedure['type'],
      input: procedure._def.inputs[0],
    })),
  );
}

const PROCEDURES = installedModules.flatMap(proceduresOf);
const MONEY = /^\d+\.\d{2}$/;

interface Variant {
  readonly what: string;
  readonly input: unknown;
  /** The field a 400 must name (its dotted path); none for a malformed whole input. */
  readonly field?: string;
  readonly path?: string;
}

function variantsOf(sample: unknown): Variant[] {
  const whole: Variant[] = [
    { what: 'a number instead of an object', input: 42 },
    { what: 'a string instead of an object', input: 'text' },
    { what: 'an array instead of an object', input: [1, 2] },
  ];
  const fieldOf = (path: Path) => path.filter((part) => typeof part === 'string').at(-1);
  const leaves = leavesOf(sample).flatMap(({ path, kind, value }): Variant[] => {
    const at = (what: string, replacement: unknown) => ({
      what: `${path.join('.')}: ${what}`,
      input: replaced(sample, path, replacement),
      field: fieldOf(path),
      path: path.join('.'),
    });
    if (kind === 'number') return [at('1e20', 1e20), at('-1', -1), at('a string', 'one')];
    if (kind === 'boolean') return [at('a string', 'yes')];
    return [
      at('NUL', 'a\u0000b'),
      at('a lone surrogate', 'a\ud800b'),
      at('100001 characters', 'x'.repeat(100_001)),
      at('a number', 12345),
      ...(MONEY.test(String(value))
        ? [at('a negative amount', '-5.00'), at('1e20', '100000000000000000000.00')]
        : []),
    ];
  });
  return [...whole, ...leaves];
}

let fx: TestSuite;
let staff: StaffClient;
const keys = new Map<string, string>();

/** Row count of every table of the installed modules' schemas. */
async function tenantRowCounts(): Promise<Record<string, number>> {
  const schemas = installedModules.map((module) => module.name);
  const tables = await fx.database.db.system.$queryRawUnsafe<{ name: string }[]>(
    `SELECT table_schema || '.' || table_name AS name FROM information_schema.tables
     WHERE table_schema = ANY($1) AND table_type = 'BASE TABLE' ORDER BY 1`,
    schemas,
  );
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    const [row] = await fx.database.db.system.$queryRawUnsafe<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM ${name}`,
    );
    counts[name] = row?.n ?? 0;
  }
  return counts;
}

async function call(procedure: Procedure, input: unknown): Promise<{ status: number; body: string }> {
  const url = `/${procedure.module.name}/${procedure.api}/${procedure.path}`;
  const init: RequestInit =
    procedure.type === 'query'
      ? {}
      : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(input) };
  const target =
    procedure.type === 'query' ? `${url}?input=${encodeURIComponent(JSON.stringify(input))}` : url;
  const response =
    procedure.api === 'trpc'
      ? await staff.browser.request(target, init)
      : await fetch(`${fx.suite.url}${target}`, {
          ...init,
          headers: {
            ...(init.headers as object),
            'x-integration-key': keys.get(procedure.module.name) ?? '',
          },
        });
  return { status: response.status, body: await response.text() };
}

/** What no response body may contain: a stack, Prisma's or PostgreSQL's words, a source file position. */
export const INTERNALS = /stack|prisma|\.ts:\d|\bSQL\b|SELECT |INSERT |violates|relation "/i;

beforeAll(async () => {
  fx = await startTestSuite({ modules: installedModules });
  staff = await fx.staff('olivia@northwind.test', 'crm');
  for (const module of installedModules.filter((candidate) => candidate.integrationRouter)) {
    const caller = MODULE_NAMES.find((name) => name !== module.name) ?? 'psa';
    keys.set(module.name, await fx.integrationKey([`${module.name}:*`], { caller, target: module.name }));
  }
});
afterAll(() => fx?.close());

describe('generated fuzz of every procedure', () => {
  it('covers the procedures of every router, staff and integration', () => {
    const paths = PROCEDURES.map((p) => `${p.module.name}/${p.api}/${p.path}`);
    expect(paths).toContain('crm/trpc/companies.list');
    expect(paths).toContain('crm/integration/quotes.create');
    expect(paths).toContain('psa/trpc/clients.addService');
  });

  // About 25 s on an idle machine; a machine shared with other jobs may take several times that.
  it('answers bad input with 400 naming the field, never 5xx, never internals, and writes nothing', async () => {
    const before = await tenantRowCounts();
    const failures: string[] = [];
    const cases = PROCEDURES.flatMap((procedure) => {
      if (!procedure.input) return [{ procedure, variant: { what: 'a stray input', input: 42 } as Variant }];
      const sample = sampleOf(
        z.toJSONSchema(procedure.input, { io: 'input', unrepresentable: 'any' }) as JsonSchema,
      );
      const parsed = procedure.input.safeParse(sample);
      if (!parsed.success)
        failures.push(`${procedure.path}: no valid sample to vary (${parsed.error.message})`);
      return variantsOf(sample).map((variant) => ({ procedure, variant }));
    });
    const check = async ({ procedure, variant }: (typeof cases)[number]) => {
      const name = `${procedure.module.name}/${procedure.api}/${procedure.path} with ${variant.what}`;
      const { status, body } = await call(procedure, variant.input);
      if (status >= 500) return void failures.push(`${name}: ${status} ${body.slice(0, 200)}`);
      if (INTERNALS.test(body)) failures.push(`${name}: internals in ${body.slice(0, 300)}`);
      if (!procedure.input) return;
      // A query's input travels in the URL; Node refuses one this long before any route sees it.
      if (status === 431 && procedure.type === 'query') return;
      if (status !== 400) return void failures.push(`${name}: ${status}, expected 400`);
      const { error } = JSON.parse(body) as { error: { message: string; data: { field?: string } } };
      if (variant.field && error.data.field !== variant.path)
        failures.push(
          `${name}: 400 names ${error.data.field}, not ${variant.path}: ${error.message.slice(0, 200)}`,
        );
    };
    // A few calls at a time: quick, and the server sees concurrent bad input too.
    for (let index = 0; index < cases.length; index += 8)
      await Promise.all(cases.slice(index, index + 8).map(check));
    expect(failures).toEqual([]);
    expect(cases.length).toBeGreaterThan(PROCEDURES.length * 3);
    expect(await tenantRowCounts()).toEqual(before);
  }, 300_000);

  it('includes the cases an outside fuzz run found: NUL text, a 1e20 quantity, a negative price', async () => {
    const create = PROCEDURES.find((p) => p.api === 'integration' && p.path === 'quotes.create');
    const list = PROCEDURES.find((p) => p.api === 'trpc' && p.path === 'companies.list');
    if (!create?.input || !list?.input) throw new Error('quotes.create or companies.list is missing');
    const quote = sampleOf(z.toJSONSchema(create.input, { io: 'input' }) as JsonSchema);
    const whats = variantsOf(quote).map((variant) => variant.what);
    expect(whats).toEqual(
      expect.arrayContaining(['lines.0.quantity: 1e20', 'lines.0.unitPrice: a negative amount', 'note: NUL']),
    );
    const search = sampleOf(z.toJSONSchema(list.input, { io: 'input' }) as JsonSchema);
    expect(variantsOf(search).map((variant) => variant.what)).toContain('search: NUL');
  });
});
