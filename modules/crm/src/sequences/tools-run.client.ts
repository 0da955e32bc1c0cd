import { toolRun } from '@suite/contracts';
import type { IntegrationClients } from '@suite/hub-auth';
import type { AnyTRPCRouter } from '@trpc/server';
import type { z } from 'zod';
import type { StepSender } from './sequence.schema';

interface ToolsRunApi {
  readonly run: { mutate(input: z.input<typeof toolRun.input>): Promise<z.infer<typeof toolRun.output>> };
}

/**
 * The tool layer's `run` as CRM's sequences use it (typed by the contract: the tool layer's package
 * depends on CRM's contracts, not the other way round). Background calls park while the mailbox is in Error.
 */
export function toolsStepSender(integrations: IntegrationClients, orgId: string): StepSender {
  const tools = integrations.client<AnyTRPCRouter>('tools', {
    orgId,
    caller: 'crm',
  }) as unknown as ToolsRunApi;
  return async ({ idempotencyKey, ...email }) => {
    const result = toolRun.output.parse(
      await tools.run.mutate({ tool: 'send_email', input: email, idempotencyKey, background: true }),
    );
    return { success: result.success, error: result.error as { code: string; message: string } | undefined };
  };
}
