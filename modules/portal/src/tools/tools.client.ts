import { unavailable } from '@suite/contracts';
import type { IntegrationClients } from '@suite/hub-auth';
import type { ToolsIntegrationRouter } from '@suite/tools/api';

export interface Email {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
}

/** The tool layer's integration API for one org, called as the portal. */
export function toolsClient(integrations: IntegrationClients, orgId: string) {
  return integrations.client<ToolsIntegrationRouter>('tools', { orgId, caller: 'portal' });
}

/** Sends one email through the tool layer's `send_email` (SendGrid or Mailgun, as the org chose). */
export async function sendEmail(
  integrations: IntegrationClients,
  orgId: string,
  email: Email,
  idempotencyKey: string,
): Promise<void> {
  const result = await toolsClient(integrations, orgId).run.mutate({
    tool: 'send_email',
    input: { ...email },
    idempotencyKey,
  });
  if (!result.success) {
    const reason = (result as { error?: { message?: string } }).error?.message ?? 'no reason given';
    throw unavailable(
      `the email to ${email.to} could not be sent (${reason}); nothing was changed, try again`,
    );
  }
}
