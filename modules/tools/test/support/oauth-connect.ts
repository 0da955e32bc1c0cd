import type { OrgScope } from '@suite/db';
import { finishOAuth, startOAuth } from '../../src/connections/oauth-connect.service';
import { OAUTH_CLIENT } from './stand-ins/oauth.stand-in';
import { SLOW_MACHINE, staffOperator } from './tool-calls';

/** The whole authorization code flow against a stand-in: start, the vendor's redirect, the callback. */
export async function connectOAuth(
  org: OrgScope,
  provider: string,
  vendorUrl: string,
  settings: Record<string, unknown>,
) {
  const { authorizeUrl } = await org.transaction(
    (tx) =>
      startOAuth(tx, {
        provider,
        ...OAUTH_CLIENT,
        redirectUri: 'http://127.0.0.1:3000/settings/integrations/callback',
        settings: {
          ...settings,
          apiBaseUrl: vendorUrl,
          authorizeUrl: `${vendorUrl}/oauth/authorize`,
          tokenUrl: `${vendorUrl}/oauth/token`,
        },
      }),
    SLOW_MACHINE,
  );
  const redirect = await fetch(authorizeUrl, { redirect: 'manual' });
  const back = new URL(redirect.headers.get('location') ?? '');
  return org.transaction(
    (tx) =>
      finishOAuth(
        tx,
        { state: back.searchParams.get('state') ?? '', code: back.searchParams.get('code') ?? '' },
        staffOperator(org),
      ),
    SLOW_MACHINE,
  );
}
