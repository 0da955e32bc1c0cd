import { defineProvider } from '../provider-definition';
import { VendorError } from '../vendor-error';
import { graphCall, graphClient } from './graph-client';
import { m365Credential, m365Settings } from './microsoft365.settings';
import { graphTokenSource } from './msal-app';

/**
 * Microsoft 365 through Microsoft Graph with app-only permissions (client credentials of the org's own
 * app registration). msal-node acquires tokens; its cache is kept sealed by the vault. The mailboxes of
 * `settings.mailboxes` are synced (src/email-sync) and are the only ones mail may be sent from.
 */
export const microsoft365Provider = defineProvider({
  id: 'microsoft365',
  name: 'Microsoft 365',
  authType: 'api_key',
  credentialKind: 'service_account',
  credential: m365Credential,
  settings: m365Settings,
  whereToFind:
    'Microsoft Entra ID → App registrations → New registration; Certificates & secrets → a client secret; API permissions → Microsoft Graph application permissions Mail.Read and Mail.Send, then Grant admin consent. The directory (tenant) id and application (client) id go in the settings with the mailboxes to sync.',
  async verify({ credential, settings, cache }) {
    const client = graphClient(settings, graphTokenSource(credential, settings, cache));
    if (settings.mailboxes.length === 0)
      throw new VendorError('rejected', 'add at least one mailbox to sync in the settings', {
        field: 'settings.mailboxes',
      });
    for (const { address } of settings.mailboxes)
      await graphCall(
        () =>
          client
            .api(`/users/${encodeURIComponent(address)}/mailFolders`)
            .top(1)
            .get(),
        address,
      );
  },
  tools: {
    async send_email({ credential, settings, cache, idempotencyKey }, input) {
      const from = (input.from ?? settings.mailboxes[0]?.address)?.toLowerCase();
      if (!from || !settings.mailboxes.some((mailbox) => mailbox.address === from))
        throw new VendorError(
          'rejected',
          `send_email: ${from ?? 'no mailbox'} is not a connected Microsoft 365 mailbox — add it to the connection's mailboxes`,
          { field: 'from' },
        );
      const client = graphClient(settings, graphTokenSource(credential, settings, cache));
      await graphCall(
        () =>
          client.api(`/users/${encodeURIComponent(from)}/sendMail`).post({
            message: {
              subject: input.subject,
              body: { contentType: 'Text', content: input.text },
              toRecipients: [{ emailAddress: { address: input.to } }],
              internetMessageHeaders: [{ name: 'X-Suite-Idempotency-Key', value: idempotencyKey }],
            },
            saveToSentItems: true,
          }),
        from,
      );
      // sendMail answers 202 with no id; the message shows up in Sent Items, where the sync logs it.
      return { message_id: `m365:${idempotencyKey}` };
    },
  },
});
