import { useEffect, useState } from 'react';
import { tools } from '../../api/trpc.client';
import { useCan } from '../../shell/session.context';
import { ErrorNote, Loading } from '../../ui/feedback';
import { useAction, useLoad } from '../../ui/use-load';
import { PausedRuns } from './paused-runs';
import { VendorChoices } from './vendor-choice';
import { VendorCard, VerifyPill } from './vendor-connect';

type Verified = Awaited<ReturnType<typeof tools.connections.finishOAuth.mutate>>;

/** Back from a vendor's consent page: the callback's state and code finish the OAuth connect. */
function useOAuthReturn(onDone: () => void) {
  const action = useAction();
  const [verified, setVerified] = useState<Verified>();
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once, on the return from the vendor
  useEffect(() => {
    const params = new URLSearchParams(location.search);
    const state = params.get('state');
    const code = params.get('code');
    if (!state || !code) return;
    history.replaceState(null, '', location.pathname);
    action
      .run(() => tools.connections.finishOAuth.mutate({ state, code }))
      .then((answer) => {
        setVerified(answer);
        onDone();
      });
  }, []);
  return { verified, error: action.error };
}

/** Settings → Integrations: every vendor with its health, connect and Verify, vendor per tool, paused runs. */
export function IntegrationsPage() {
  const can = useCan();
  const canManage = can('tools.connections.manage');
  const vendors = useLoad(() => tools.connections.list.query(), 'vendors');
  const choices = useLoad(() => tools.connections.vendorChoices.query(), 'choices');
  const runs = useLoad(() => tools.runs.list.query({ status: 'paused' }), 'runs');
  const reload = () => {
    vendors.reload();
    choices.reload();
    runs.reload();
  };
  const oauth = useOAuthReturn(reload);
  return (
    <section>
      <h1>Integrations</h1>
      <p>The vendors this org's tools use. Credentials are stored encrypted and never shown again.</p>
      <VerifyPill verified={oauth.verified} />
      <ErrorNote error={oauth.error} />
      <h2>Vendors</h2>
      <Loading loaded={vendors}>
        {(list) => (
          <div className="cards">
            {list.map((vendor) => (
              <VendorCard key={vendor.provider} vendor={vendor} canManage={canManage} onChange={reload} />
            ))}
          </div>
        )}
      </Loading>
      <h2>Vendor per tool</h2>
      <Loading loaded={choices}>
        {(list) => (
          <VendorChoices
            choices={list}
            vendors={vendors.data ?? []}
            canManage={canManage}
            onChange={choices.reload}
          />
        )}
      </Loading>
      <h2>Paused runs</h2>
      <Loading loaded={runs}>
        {(list) => <PausedRuns runs={list} canManage={canManage} onChange={reload} />}
      </Loading>
    </section>
  );
}
