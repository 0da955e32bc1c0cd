import { forOrg, type OrgScope } from '@suite/db';
import { type IntegrationClients, middleware, publicProcedure } from '@suite/hub-auth';
import { TRPCError } from '@trpc/server';
import type { PortalFeature } from '../portals/portal.schema';
import { featuresOf, type PortalRecord } from '../portals/portal.view';
import { type PortalUserRecord, signedInSession } from '../sign-in/session.service';
import { sessionTokenOf } from '../sign-in/session-cookie';
import { portalHostsFor } from '../site/portal-host.service';

/** What a client procedure gets: the portal the Host names, its signed-in user, the org's data. */
export interface ClientContext {
  readonly portal: PortalRecord;
  readonly client: PortalUserRecord;
  /** How the client's session began (`magic_link`). */
  readonly signInMethod: string;
  readonly integrations: IntegrationClients;
  readonly tenant: OrgScope;
  /** `https://clients.example.com`: the portal as the client reached it, for links back to it. */
  readonly origin: string;
}

const header = (value: string | string[] | undefined) => (typeof value === 'string' ? value : undefined);

const clientSession = middleware(async ({ ctx, next }) => {
  const portal = await portalHostsFor(ctx.db.system).portalOf(header(ctx.headers.host));
  if (!portal) throw new TRPCError({ code: 'NOT_FOUND', message: 'not found' });
  const tenant = forOrg(ctx.db.app, portal.orgId);
  const token = sessionTokenOf(header(ctx.headers.cookie));
  const session = token ? await tenant.transaction((tx) => signedInSession(tx, portal.id, token)) : null;
  if (!session)
    throw new TRPCError({
      code: 'UNAUTHORIZED',
      message: 'sign in with the link we email you, then try again',
    });
  const clientContext: ClientContext = {
    portal,
    client: session.user,
    signInMethod: session.method,
    integrations: ctx.integrations,
    tenant,
    origin: `${header(ctx.headers['x-forwarded-proto']) === 'https' ? 'https' : 'http'}://${header(ctx.headers.host)}`,
  };
  return next({ ctx: clientContext });
});

/** A signed-in client of the portal the request's Host names. */
export const clientProcedure = publicProcedure.use(clientSession);

/** A client procedure behind a feature toggle: a portal without the feature answers as if it did not exist. */
export function featureProcedure(feature: PortalFeature) {
  return clientProcedure.use(({ ctx, next }) => {
    if (!featuresOf(ctx.portal).includes(feature))
      throw new TRPCError({ code: 'NOT_FOUND', message: `this portal does not show ${feature}` });
    return next();
  });
}
