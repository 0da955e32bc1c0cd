import { randomUUID } from 'node:crypto';
import type { OrgScope } from '@suite/db';
import { connectApiKey } from '../../src/connections/connect.service';
import type { ToolName } from '../../src/tools/tool-catalog';
import { runTool } from '../../src/tools/tool-runner.service';

/** Test machines are shared and loaded; a vendor round trip in a transaction may take seconds there. */
export const SLOW_MACHINE = { timeout: 30_000 };

export const staffOperator = (org: OrgScope) => ({
  user: { id: 'owner-1' },
  tenant: org,
  requestId: 'req-test',
});

export function connect(
  org: OrgScope,
  provider: string,
  credential: Record<string, unknown>,
  settings: Record<string, unknown> = {},
) {
  return org.transaction(
    (tx) => connectApiKey(tx, { provider, credential, settings }, staffOperator(org)),
    SLOW_MACHINE,
  );
}

export function run(
  org: OrgScope,
  tool: ToolName,
  input: Record<string, unknown>,
  options: { idempotencyKey?: string; background?: boolean } = {},
) {
  return org.transaction(
    (tx) =>
      runTool(tx, {
        tool,
        input,
        idempotencyKey: options.idempotencyKey ?? randomUUID(),
        actor: { type: 'tool', id: 'assistant' },
        background: options.background ?? false,
      }),
    SLOW_MACHINE,
  );
}
