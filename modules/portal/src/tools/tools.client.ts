import { unavailable } from '@suite/contracts';
import type { IntegrationClients } from '@suite/hub-auth';
import type { ToolsIntegrationRouter } from '@suite/tools/api';

export interface Email {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
}

/** Sends one email through the tool layer's `send_email` (SendGrid or Mailgun, as the org chose). */
export async function sendEmail(
  integrations: IntegrationClients,
  orgId: string,
  email: Email,
  idempotencyKey: string,
): Promise<void> {
  const tools = integrations.client<ToolsIntegrationRouter>('tools', { orgId, caller: 'portal' });
  const result = await tools.run.mutate({ tool: 'send_email', input: { ...email }, idempotencyKey });
  if (!result.success) {
    const reason = (result as { error?: { message?: string } }).error?.message ?? 'no reason given';
    throw unavailable(
      `the email to ${email.to} could not be sent (${reason}); nothing was changed, try again`,
    );
  }
}
