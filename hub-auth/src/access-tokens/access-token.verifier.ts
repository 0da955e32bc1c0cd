import type { PrismaClient } from '@suite/db';
import { createRemoteJWKSet, errors, jwtVerify } from 'jose';
import type { HubRelyingParty } from '../oidc/relying-party';
import { type SessionResolution, staffOf, WITH_MEMBERSHIPS } from '../session/signed-in-staff';

/** Which resource a token must be for, and which of the user's orgs the request acts in. */
export interface AccessTokenCheck {
  /** The protected resource's URL; the token's `aud` must name it (RFC 8707, RFC 9068). */
  readonly audience: string;
  /** An org slug or id the user belongs to; unset: their first org. */
  readonly org?: string | undefined;
}

const signedOut = (reason: string): SessionResolution => ({ status: 'signed-out', reason });

function refusal(error: unknown, audience: string): string {
  if (error instanceof errors.JWTExpired) return 'the access token has expired; get a new one from Hub';
  if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'aud')
    return `the access token is not for ${audience}; ask Hub for a token with resource=${audience}`;
  if (error instanceof errors.JWTClaimValidationFailed)
    return `the access token's ${error.claim} claim is not acceptable (${error.reason}); get a new one from Hub`;
  return 'the access token is not a Hub access token (signature, issuer or type refused); get one from Hub';
}

/**
 * Hub access tokens presented as `Authorization: Bearer …` to a protected resource of the suite (the MCP
 * server): a JWT (RFC 9068) verified against Hub's JWKS, its issuer, audience and expiry checked. Who
 * the user is and what they may do come from the directory Hub keeps current, as for a session.
 */
export class AccessTokenVerifier {
  #jwks: ReturnType<typeof createRemoteJWKSet> | undefined;

  constructor(
    private readonly db: PrismaClient,
    private readonly hub: HubRelyingParty,
  ) {}

  async resolve(authorization: string | undefined, check: AccessTokenCheck): Promise<SessionResolution> {
    const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    if (!token) return signedOut('no access token (send Authorization: Bearer <Hub access token>)');
    const metadata = (await this.hub.configuration()).serverMetadata();
    if (!metadata.jwks_uri) return signedOut(`Hub at ${metadata.issuer} publishes no JWKS`);
    this.#jwks ??= createRemoteJWKSet(new URL(metadata.jwks_uri));
    let subject: string | undefined;
    let tokenId: string | undefined;
    try {
      const { payload } = await jwtVerify(token, this.#jwks, {
        issuer: metadata.issuer,
        audience: check.audience,
        typ: 'at+jwt',
        requiredClaims: ['sub', 'exp'],
      });
      subject = payload.sub;
      tokenId = payload.jti;
    } catch (error) {
      return signedOut(refusal(error, check.audience));
    }
    const user = await this.db.hubUser.findUnique({
      where: { id: subject ?? '' },
      include: WITH_MEMBERSHIPS.user.include,
    });
    if (!user)
      return signedOut(
        `Hub user ${subject} is not in the suite's directory yet; sign in once at /auth/login`,
      );
    if (user.deactivatedAt) return signedOut(`user ${user.email} was deactivated at Hub`);
    const org = user.memberships.find(
      ({ organization }) => organization.slug === check.org || organization.id === check.org,
    );
    if (check.org && !org) return signedOut(`${user.email} is not a member of org "${check.org}"`);
    return { status: 'signed-in', staff: staffOf(`token:${tokenId ?? subject}`, org?.orgId ?? null, user) };
  }
}
