import { z } from 'zod';
import { oauthTokenSet } from '../../vault/credential.schema';
import { oauthEndpoints } from '../oauth-settings';
import { defineProvider } from '../provider-definition';
import { vendorFile } from '../vendor-file';
import { bearer, type VendorMessages, vendorJson } from '../vendor-http';

const settings = z.object({
  accountId: z.uuid('expected the API Account ID (a GUID) from DocuSign → Settings → Apps and Keys'),
  /** The account's base URI from /oauth/userinfo, e.g. https://na3.docusign.net. */
  apiBaseUrl: z.url().default('https://www.docusign.net'),
  ...oauthEndpoints,
});

const messages: VendorMessages = {
  vendor: 'DocuSign',
  auth: 'DocuSign refused the authorization — connect DocuSign again and approve the signature scope',
  rejected: (detail) => `DocuSign refused the envelope: ${detail}`,
  detail: (body) => (body as { message?: string }).message,
};

/** DocuSign's eSignature REST API v2.1 as documented, with OAuth authorization code + PKCE. */
export const docusignProvider = defineProvider({
  id: 'docusign',
  name: 'DocuSign',
  authType: 'oauth',
  credentialKind: 'oauth_token',
  credential: oauthTokenSet,
  settings,
  whereToFind:
    'DocuSign → Settings → Apps and Keys: the Integration Key (client id), a secret key, the API Account ID',
  oauth: {
    authorizeUrl: 'https://account.docusign.com/oauth/auth',
    tokenUrl: 'https://account.docusign.com/oauth/token',
    scopes: ['signature', 'extended'],
  },
  async verify({ credential, settings: { apiBaseUrl, accountId } }) {
    await vendorJson(
      `${apiBaseUrl}/restapi/v2.1/accounts/${accountId}`,
      { headers: bearer(credential.accessToken) },
      {
        ...messages,
        rejected: () =>
          `DocuSign can't find account ${accountId} — copy the API Account ID from Apps and Keys`,
        rejectedField: 'settings.accountId',
      },
    );
  },
  tools: {
    async send_contract({ credential, settings: { apiBaseUrl, accountId } }, input) {
      const envelope = await vendorJson<{ envelopeId: string; status: string }>(
        `${apiBaseUrl}/restapi/v2.1/accounts/${accountId}/envelopes`,
        {
          method: 'POST',
          headers: { ...bearer(credential.accessToken), 'content-type': 'application/json' },
          body: JSON.stringify({
            emailSubject: input.title,
            documents: [
              {
                documentId: '1',
                name: input.title,
                fileExtension: 'pdf',
                ...(input.document_pdf_base64
                  ? { documentBase64: input.document_pdf_base64 }
                  : { remoteUrl: input.document_url }),
              },
            ],
            recipients: {
              signers: [
                { email: input.signer_email, name: input.signer_name, recipientId: '1', routingOrder: '1' },
              ],
            },
            // Connect hands the reference back on envelope-completed (docusign.webhook.ts).
            ...(input.reference && {
              customFields: {
                textCustomFields: [{ name: 'reference', value: input.reference, show: 'false' }],
              },
            }),
            status: 'sent',
          }),
        },
        messages,
      );
      return { envelope_id: envelope.envelopeId, status: envelope.status };
    },
  },
  media: {
    /** The envelope's documents as one signed PDF (with the certificate of completion when the account adds it). */
    signed_contract: ({ credential, settings: { apiBaseUrl, accountId } }, { envelope_id }) =>
      vendorFile(
        `${apiBaseUrl}/restapi/v2.1/accounts/${accountId}/envelopes/${encodeURIComponent(envelope_id)}/documents/combined`,
        bearer(credential.accessToken),
        'application/pdf',
        messages,
      ),
  },
});
