/** A session's Hub tokens: the ID token (for sign-out at Hub) and the refresh token, when Hub issued one. */
export interface SessionTokens {
  readonly idToken: string;
  readonly refreshToken: string | null;
}

export interface SealedSessionTokens {
  readonly tokensKekVersion: number;
  readonly tokensWrappedKey: Uint8Array<ArrayBuffer>;
  readonly tokensCiphertext: Uint8Array<ArrayBuffer>;
}

/**
 * Seals a session's tokens at rest, bound to the session's id (a sealed blob copied to another session
 * does not open). The suite supplies the credential vault's keyring (decision 0093).
 */
export interface SessionTokenSealer {
  seal(sessionId: string, tokens: SessionTokens): SealedSessionTokens;
  open(sessionId: string, sealed: SealedSessionTokens): SessionTokens;
}

interface StoredTokens {
  readonly id: string;
  readonly idToken: string | null;
  readonly refreshToken: string | null;
  readonly tokensKekVersion: number | null;
  readonly tokensWrappedKey: Uint8Array<ArrayBuffer> | null;
  readonly tokensCiphertext: Uint8Array<ArrayBuffer> | null;
}

/** The row's columns for `tokens`: sealed, and the plaintext columns of older sessions cleared. */
export function sealedColumns(sealer: SessionTokenSealer, sessionId: string, tokens: SessionTokens) {
  return { ...sealer.seal(sessionId, tokens), idToken: null, refreshToken: null };
}

/** A session row's tokens: opened from the sealed columns, or a not-yet-sealed older session's plaintext. */
export function tokensOf(sealer: SessionTokenSealer, row: StoredTokens): SessionTokens | undefined {
  const { tokensKekVersion, tokensWrappedKey, tokensCiphertext } = row;
  if (tokensKekVersion !== null && tokensWrappedKey && tokensCiphertext)
    return sealer.open(row.id, { tokensKekVersion, tokensWrappedKey, tokensCiphertext });
  return row.idToken === null ? undefined : { idToken: row.idToken, refreshToken: row.refreshToken };
}

export const TOKEN_COLUMNS = {
  id: true,
  idToken: true,
  refreshToken: true,
  tokensKekVersion: true,
  tokensWrappedKey: true,
  tokensCiphertext: true,
} as const;
