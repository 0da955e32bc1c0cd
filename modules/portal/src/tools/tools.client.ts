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

/**
 * The signed PDF of a contract sent through `send_contract`, from the tool layer's
 * `GET /tools/media/signed-contracts/<envelope id>` (the vendor's credential stays there). A read: it
 * may be repeated freely; a refusal is `unavailable` with the tool layer's reason.
 */
export async function fetchSignedContract(
  integrations: IntegrationClients,
  orgId: string,
  envelopeId: string,
): Promise<Uint8Array<ArrayBuffer>> {
  const response = await integrations.fetch(
    'tools',
    { orgId, caller: 'portal' },
    `/tools/media/signed-contracts/${encodeURIComponent(envelopeId)}`,
  );
  if (!response.ok) {
    const { message = `HTTP ${response.status}` } = (await response.json().catch(() => ({}))) as {
      message?: string;
    };
    throw unavailable(`the signed PDF of envelope ${envelopeId} could not be fetched: ${message}`);
  }
  return new Uint8Array(await response.arrayBuffer());
}
