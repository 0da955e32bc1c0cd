import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import type { SuiteModule } from '@suite/contracts';
import { type Database, forOrg } from '@suite/db';
import { createIntegrationKey } from '@suite/hub-auth';
import { createLogger, loadConfig, type RunningSuite, startSuite } from '../../src';

/** Every log line a suite writes, at trace level, through the suite's own logger (redaction included). */
export class CapturedLogs {
  readonly lines: string[] = [];
  readonly stream = new Writable({
    write: (chunk: Buffer, _encoding, done) => {
      this.lines.push(chunk.toString());
      done();
    },
  });

  text(): string {
    return this.lines.join('');
  }
}

export function startKeySuite(
  databaseUrl: string,
  modules: readonly SuiteModule[],
  env: Record<string, string> = {},
  logs = new CapturedLogs(),
): Promise<RunningSuite> {
  const config = loadConfig({
    DATABASE_URL: databaseUrl,
    PORT: '0',
    NODE_ENV: 'test',
    MIGRATE_ON_START: 'false',
    ...env,
  });
  return startSuite(config, createLogger('trace', logs.stream), modules);
}

export async function createOrg(db: Database, slug: string): Promise<{ id: string; slug: string }> {
  return db.system.organization.create({
    data: { slug: `${slug}-${randomUUID().slice(0, 8)}`, name: slug },
    select: { id: true, slug: true },
  });
}

/** A key of `orgId` for psa calling crm, made the way `suite keys create` makes it. */
export async function issueKey(
  db: Database,
  orgId: string,
  scopes: string[],
  caller = 'psa',
): Promise<string> {
  const issued = await createIntegrationKey(forOrg(db.app, orgId), {
    caller,
    target: 'crm',
    scopes,
    actor: 'test',
  });
  return issued.key;
}

export interface CallResult {
  readonly status: number;
  readonly text: string;
  readonly message: string | undefined;
}

/** A raw tRPC query over HTTP, so tests see status codes and bodies exactly as a caller would. */
export async function callIntegration(
  suiteUrl: string,
  path: string,
  key: string | undefined,
  input?: unknown,
): Promise<CallResult> {
  const query = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
  const response = await fetch(`${suiteUrl}/crm/integration/${path}${query}`, {
    headers: key === undefined ? {} : { 'x-integration-key': key },
  });
  const text = await response.text();
  const message = (JSON.parse(text) as { error?: { message?: string } }).error?.message;
  return { status: response.status, text, message };
}

/** Polls until `check` passes or `ms` ran out; returns how long it took. */
export async function within(ms: number, check: () => Promise<boolean>): Promise<number> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > ms) throw new Error(`not within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return Date.now() - started;
}
