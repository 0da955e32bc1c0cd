import { Link } from '@suite/console/router';
import { api } from '../api/client';
import { LoadedList } from '../loaded-list';
import { useClientLoad } from '../use-client';

interface DocumentRow {
  readonly key: string;
  readonly title: string;
  /** Signing (and the signed PDF) in the portal, or the PDF of one signed at the e-signature vendor. */
  readonly link: { readonly href: string; readonly inApp: boolean };
  readonly status: string;
}

/** The portal's signature requests, then the addenda sent to the MSP's e-signature vendor (signed by email). */
async function documentRows(): Promise<DocumentRow[]> {
  const [signatures, atVendor] = await Promise.all([
    api.signatures.list.query(),
    api.signatures.atVendor.query(),
  ]);
  return [
    ...signatures.map((request) => ({
      key: request.requestId,
      title: request.title,
      link: { href: `/sign/${request.requestId}`, inApp: true },
      status: request.status === 'signed' ? `Signed by ${request.signerName}` : 'Waiting for you',
    })),
    ...atVendor.map((document) => {
      const vendor = document.vendor ?? 'the e-signature service';
      return {
        key: document.shareId,
        title: document.title,
        link: { href: `/documents/${document.shareId}`, inApp: false },
        status:
          document.status === 'signed'
            ? `Signed via ${vendor}`
            : `Sent for signature via ${vendor}: sign it from the email`,
      };
    }),
  ];
}

/**
 * Documents the MSP asked the company to sign (quotes, contract addenda), waiting or signed; one at the
 * vendor offers no signing here, only the vendor's signed PDF once the portal has it.
 */
export function DocumentsPage() {
  const documents = useClientLoad(documentRows, 'documents');
  return (
    <section aria-labelledby="documents">
      <h1 id="documents">Documents to sign</h1>
      <LoadedList loaded={documents} empty="Nothing to sign.">
        {(list) => (
          <table>
            <thead>
              <tr>
                <th scope="col">Document</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {list.map((document) => (
                <tr key={document.key}>
                  <td>
                    {document.link.inApp ? (
                      <Link href={document.link.href}>{document.title}</Link>
                    ) : (
                      <a href={document.link.href}>{document.title}</a>
                    )}
                  </td>
                  <td>{document.status}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </LoadedList>
    </section>
  );
}
