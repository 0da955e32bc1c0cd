import { Link } from '@suite/console/router';
import { api } from '../api/client';
import { LoadedList } from '../loaded-list';
import { useClientLoad } from '../use-client';

/** Documents the MSP asked the company to sign (quotes, contract addenda), waiting or signed. */
export function DocumentsPage() {
  const signatures = useClientLoad(() => api.signatures.list.query(), 'documents');
  return (
    <section aria-labelledby="documents">
      <h1 id="documents">Documents to sign</h1>
      <LoadedList loaded={signatures} empty="Nothing to sign.">
        {(list) => (
          <table>
            <thead>
              <tr>
                <th scope="col">Document</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {list.map((request) => (
                <tr key={request.requestId}>
                  <td>
                    <Link href={`/sign/${request.requestId}`}>{request.title}</Link>
                  </td>
                  <td>
                    {request.status === 'signed' ? `Signed by ${request.signerName}` : 'Waiting for you'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </LoadedList>
    </section>
  );
}
