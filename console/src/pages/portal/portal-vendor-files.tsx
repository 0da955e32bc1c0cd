import { portal } from '../../api/trpc.client';
import { ActionButton } from '../../ui/action-button';
import { Loading, Time } from '../../ui/feedback';
import { Table } from '../../ui/table';
import { useLoad } from '../../ui/use-load';
import type { ShareView } from './portal-view';

type Missing = ShareView & { readonly signedFile: NonNullable<ShareView['signedFile']> };

const missing = (share: ShareView): share is Missing =>
  share.signedFile !== null && share.signedFile.state !== 'stored';

/**
 * Addenda signed at the e-signature vendor whose signed PDF is not in: still being fetched, or given
 * up on (the signature went to CRM and PSA without it; decision 0157), with the vendor's last reason.
 */
export function PortalVendorFiles({ portalId }: { portalId: string }) {
  const shares = useLoad(() => portal.shares.list.query({ portalId }), `${portalId}-shares`);
  return (
    <Loading loaded={shares}>
      {(list) => {
        const waiting = list.filter(missing);
        if (waiting.length === 0) return null;
        return (
          <section aria-labelledby="vendor-files">
            <h2 id="vendor-files">Signed PDFs not fetched from the e-signature vendor</h2>
            <Table
              label="Signed PDFs not fetched"
              headers={['Document', 'Vendor', 'State', 'Last error', '']}
            >
              {waiting.map((share) => (
                <tr key={share.shareId}>
                  <td>{share.title}</td>
                  <td>{share.vendor}</td>
                  <td>
                    {share.signedFile.state === 'gave up' ? (
                      <span className="pill pill-error">
                        gave up after {share.signedFile.attempts} attempts{' '}
                        <Time at={share.signedFile.gaveUpAt} />
                      </span>
                    ) : (
                      <span className="pill pill-warning">
                        {share.signedFile.attempts} failed, next <Time at={share.signedFile.nextAttemptAt} />
                      </span>
                    )}
                  </td>
                  <td>{share.signedFile.lastError ?? '—'}</td>
                  <td>
                    <ActionButton
                      label="Retry fetch"
                      busyLabel="Fetching…"
                      ariaLabel={`Retry fetching the signed PDF of ${share.title}`}
                      run={() => portal.shares.retrySignedFile.mutate({ shareId: share.shareId })}
                      onDone={shares.reload}
                    />
                  </td>
                </tr>
              ))}
            </Table>
          </section>
        );
      }}
    </Loading>
  );
}
