import { z } from 'zod';
import type { ToolInput } from '../../tools/tool-catalog';
import { defineProvider } from '../provider-definition';
import { vendorFile } from '../vendor-file';
import { basic, type VendorMessages, vendorJson } from '../vendor-http';

const credential = z.object({
  apiKey: z.string().regex(/^[0-9a-f]{64}$/, 'expected the 64-character API key'),
});
const settings = z.object({
  apiBaseUrl: z.url().default('https://api.hellosign.com'),
  /** Sends test requests (not legally binding) while an org tries it out. */
  testMode: z.boolean().default(false),
});

const messages: VendorMessages = {
  vendor: 'Dropbox Sign',
  auth: 'Dropbox Sign rejected the API key — copy it from Dropbox Sign → Settings → API',
  authField: 'credential.apiKey',
  rejected: (detail) => `Dropbox Sign refused the request: ${detail}`,
  detail: (body) => (body as { error?: { error_msg?: string } }).error?.error_msg,
};

/**
 * The send request as multipart/form-data, the one body that carries a file as well as `file_urls`;
 * the reference comes back in the callback's `metadata` (dropbox-sign.webhook.ts).
 */
function signatureRequestForm(input: ToolInput<'send_contract'>, testMode: boolean): FormData {
  const form = new FormData();
  form.set('title', input.title);
  form.set('subject', input.title);
  form.set('signers[0][email_address]', input.signer_email);
  form.set('signers[0][name]', input.signer_name);
  form.set('signers[0][order]', '0');
  if (input.document_pdf_base64)
    form.set(
      'files[0]',
      new Blob([Buffer.from(input.document_pdf_base64, 'base64')], { type: 'application/pdf' }),
      `${input.title}.pdf`,
    );
  else form.set('file_urls[0]', input.document_url ?? '');
  if (input.reference) form.set('metadata[reference]', input.reference);
  form.set('test_mode', testMode ? '1' : '0');
  return form;
}

/** Dropbox Sign's v3 API as documented (Basic auth with the API key as user, JSON bodies). */
export const dropboxSignProvider = defineProvider({
  id: 'dropbox-sign',
  name: 'Dropbox Sign',
  authType: 'api_key',
  credentialKind: 'api_key',
  credential,
  settings,
  whereToFind: 'Dropbox Sign → Settings → API: the API key',
  async verify({ credential: { apiKey }, settings: { apiBaseUrl } }) {
    await vendorJson(`${apiBaseUrl}/v3/account`, { headers: basic(apiKey, '') }, messages);
  },
  tools: {
    async send_contract({ credential: { apiKey }, settings: { apiBaseUrl, testMode } }, input) {
      const { signature_request } = await vendorJson<{
        signature_request: { signature_request_id: string; is_complete: boolean };
      }>(
        `${apiBaseUrl}/v3/signature_request/send`,
        { method: 'POST', headers: basic(apiKey, ''), body: signatureRequestForm(input, testMode) },
        messages,
      );
      return {
        envelope_id: signature_request.signature_request_id,
        status: signature_request.is_complete ? 'completed' : 'sent',
      };
    },
  },
  media: {
    /** The signed PDF, with Dropbox Sign's audit trail pages, once every signer has signed. */
    signed_contract: ({ credential: { apiKey }, settings: { apiBaseUrl } }, { envelope_id }) =>
      vendorFile(
        `${apiBaseUrl}/v3/signature_request/files/${encodeURIComponent(envelope_id)}?file_type=pdf`,
        basic(apiKey, ''),
        'application/pdf',
        messages,
      ),
  },
});
