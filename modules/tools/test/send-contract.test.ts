import type { OrgScope } from '@suite/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openVendorMedia } from '../src/media/vendor-media.service';
import { providerById } from '../src/providers/provider-registry';
import { configureVault } from '../src/vault/keyring';
import { type VendorStandIn, vendorSignedPdf } from './support/stand-ins/vendor-stand-ins';
import { run } from './support/tool-calls';
import { type ToolsFixture, testKeyring, toolsFixture } from './support/tools-fixture';
import { VENDOR_CASES } from './support/vendor-cases';

let fixture: ToolsFixture;
const PDF = Buffer.from('%PDF-1.7\n% an addendum the suite made\n%%EOF\n');
const contract = {
  signer_email: 'ceo@client.example',
  signer_name: 'Dana Client',
  title: 'Contract addendum, revision 2',
};

beforeAll(async () => {
  configureVault({ VAULT_KEYS: testKeyring().entries.join(',') });
  fixture = await toolsFixture();
});
afterAll(() => fixture.close());

describe.each(VENDOR_CASES.filter((vendor) => vendor.tool === 'send_contract'))(
  'send_contract through $provider with the PDF inline',
  (vendor) => {
    let standIn: VendorStandIn;
    let org: OrgScope;

    beforeAll(async () => {
      [standIn, org] = await Promise.all([vendor.start(), fixture.createOrg(`${vendor.provider} signer`)]);
      expect(await vendor.connect(org, standIn)).toMatchObject({ ok: true });
    });
    afterAll(() => standIn.close());

    it('uploads the PDF itself and the reference its signed webhook hands back', async () => {
      const result = await run(org, 'send_contract', {
        ...contract,
        document_pdf_base64: PDF.toString('base64'),
        reference: 'crm-esign:7d0c3c52-4a57-4b8e-9a43-0d1f6f1b2a11',
      });
      expect(result).toMatchObject({ success: true, provider: vendor.provider, status: 'sent' });
      expect(standIn.effects.at(-1)).toMatchObject({
        signer: contract.signer_email,
        reference: 'crm-esign:7d0c3c52-4a57-4b8e-9a43-0d1f6f1b2a11',
        file: PDF,
      });
    });

    it('streams the signed PDF of a sent envelope from the vendor; one it does not have is refused', async () => {
      const sent = await run(org, 'send_contract', {
        ...contract,
        document_pdf_base64: PDF.toString('base64'),
      });
      const envelopeId = String((sent as { envelope_id: string }).envelope_id);
      const signedFile = (envelope_id: string) =>
        org.transaction(async (tx) => {
          const outcome = await openVendorMedia(tx, {
            tool: 'signed_contract',
            input: { envelope_id },
            caller: 'portal',
            requestId: `signed-file-${envelope_id}`,
          });
          if (!outcome.opened) return outcome.error;
          return {
            contentType: outcome.media.contentType,
            bytes: Buffer.from(await new Response(outcome.media.body).arrayBuffer()),
          };
        });
      expect(await signedFile(envelopeId)).toEqual({
        contentType: 'application/pdf',
        bytes: vendorSignedPdf(PDF, providerById(vendor.provider).name, envelopeId),
      });
      expect(await signedFile('no-such-envelope')).toMatchObject({ failure: 'rejected' });
    });

    it('refuses both or neither of document_url and document_pdf_base64, naming the field', async () => {
      for (const documents of [
        {},
        { document_url: 'https://docs.acme.example/msa.pdf', document_pdf_base64: PDF.toString('base64') },
      ])
        await expect(run(org, 'send_contract', { ...contract, ...documents })).rejects.toThrow(
          'send_contract: document_url: give exactly one of document_url and document_pdf_base64',
        );
      await expect(
        run(org, 'send_contract', { ...contract, document_pdf_base64: 'not base64!' }),
      ).rejects.toThrow('send_contract: document_pdf_base64: expected the PDF as base64');
    });
  },
);
