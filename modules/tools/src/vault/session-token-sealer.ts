import type { SessionTokenSealer, SessionTokens } from '@suite/hub-auth';
import { type CredentialAddress, openCredential, sealCredential } from './credential.service';
import { requireKeyring } from './keyring';

/** Where a staff session's Hub tokens are sealed: the AAD names the session, so they open nowhere else. */
const sessionAddress = (sessionId: string): CredentialAddress => ({
  orgId: 'platform',
  connectionId: sessionId,
  kind: 'oauth_token',
  label: 'platform.hub_session',
});

/** Hub's ID and refresh tokens in `platform.hub_session`, sealed like vault rows (decision 0093). */
export const sessionTokenSealer: SessionTokenSealer = {
  seal(sessionId, tokens) {
    const sealed = sealCredential(requireKeyring(), sessionAddress(sessionId), tokens);
    return {
      tokensKekVersion: sealed.kekVersion,
      tokensWrappedKey: sealed.wrappedKey,
      tokensCiphertext: sealed.ciphertext,
    };
  },
  open(sessionId, sealed) {
    return openCredential(requireKeyring(), sessionAddress(sessionId), {
      kekVersion: sealed.tokensKekVersion,
      wrappedKey: sealed.tokensWrappedKey,
      ciphertext: sealed.tokensCiphertext,
    }) as SessionTokens;
  },
};
