import { ErrorNote } from '@suite/console/feedback';
import { navigate } from '@suite/console/router';
import { post } from '../api/client';
import { config } from '../config';
import { useClientAction } from '../use-client';

/**
 * The link's landing page. The token sits in the fragment, which no server and no mail scanner
 * receives, and signing in takes this click: following the link alone uses nothing.
 */
export function ConfirmPage() {
  const action = useClientAction();
  const token = new URLSearchParams(location.hash.slice(1)).get('token') ?? '';
  const confirm = async () => {
    if (await action.run(() => post('/portal/sign-in/confirm', { token }))) {
      history.replaceState(null, '', '/sign-in/confirm');
      navigate('/');
    }
  };
  return (
    <section aria-labelledby="confirm">
      <h1 id="confirm">Sign in to {config.name}</h1>
      <button type="button" onClick={confirm} disabled={action.busy || !token}>
        {action.busy ? 'Signing in…' : 'Sign in'}
      </button>
      {!token && <p>This link has no sign-in token. Ask for a new link.</p>}
      <ErrorNote error={action.error} />
      <p>
        <a href="/sign-in">Ask for a new link</a>
      </p>
    </section>
  );
}
