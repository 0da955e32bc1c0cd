import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { type HubAuth, HubAuthNotReadyError } from '../hub-auth';
import { isLoopbackHttp } from '../oidc/loopback-url';
import { SignInError } from '../oidc/sign-in-error';
import { type SignedInStaff, signedOutMessage } from '../session/signed-in-staff';
import { waffleMenu } from '../waffle/waffle.service';

const switchOrgBody = z.object({ orgId: z.uuid() });

function sessionSummary(staff: SignedInStaff) {
  return {
    user: staff.user,
    org: staff.org ?? null,
    orgs: staff.orgs,
    permissions: [...staff.permissions].sort(),
  };
}

const SIGNED_OUT_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Signed out</title></head>
<body><p>You are signed out of the suite.</p><p><a href="/auth/login">Sign in again</a></p></body></html>`;

/**
 * Browser-facing Hub SSO routes on the suite's server: `/auth/login` → Hub → `/auth/callback`,
 * `/auth/session`, `/auth/org` (switch the active org), `/auth/logout`, and `/hub/waffle`.
 */
export function registerAuthRoutes(app: FastifyInstance, auth: HubAuth): void {
  app.register(async (scope) => {
    scope.setErrorHandler((error, req, reply) => {
      if (error instanceof HubAuthNotReadyError)
        return reply.code(503).send({ error: 'not_ready', message: error.message });
      if (!(error instanceof SignInError)) throw error;
      req.log.warn({ detail: error.detail }, error.message);
      return reply
        .code(error.kind === 'rejected' ? 400 : 502)
        .send({ error: 'sign_in_failed', message: error.message });
    });

    async function signedIn(req: FastifyRequest, reply: FastifyReply): Promise<SignedInStaff | undefined> {
      const session = await auth.resolveSession(req.headers.cookie);
      if (session.status === 'signed-in') return session.staff;
      reply.code(401).send({ error: 'unauthorized', message: signedOutMessage(session.reason) });
      return undefined;
    }

    scope.get<{ Querystring: { returnTo?: string } }>('/auth/login', async (req, reply) => {
      const { signIns, cookies, publicUrl } = auth.runtime();
      // Hub returns to the public URL, and the sign-in cookie must be waiting there: a browser that
      // came to another loopback name (localhost for 127.0.0.1) starts its sign-in at that URL instead.
      const home = new URL(publicUrl);
      const here = new URL(`http://${req.headers.host ?? home.host}`);
      if (isLoopbackHttp(home) && isLoopbackHttp(here) && here.host !== home.host)
        return reply.redirect(new URL(req.url, home).href, 303);
      const { token, url } = await signIns.start(req.query.returnTo ?? '/');
      return reply.header('set-cookie', cookies.signIn(token)).redirect(url.href, 303);
    });

    scope.get('/auth/callback', async (req, reply) => {
      const { signIns, cookies, publicUrl } = auth.runtime();
      // Spent whatever happens next: a failed callback must not be retried with the same attempt.
      reply.header('set-cookie', cookies.clearSignIn());
      const signInToken = cookies.read(req.headers.cookie, cookies.signInName);
      const { sessionToken, returnTo } = await signIns.complete(signInToken, new URL(req.url, publicUrl));
      return reply.header('set-cookie', cookies.session(sessionToken)).redirect(returnTo, 303);
    });

    scope.get('/auth/session', async (req, reply) => {
      const staff = await signedIn(req, reply);
      return staff && sessionSummary(staff);
    });

    scope.post('/auth/org', async (req, reply) => {
      const staff = await signedIn(req, reply);
      if (!staff) return;
      const body = switchOrgBody.safeParse(req.body);
      if (!body.success)
        return reply.code(400).send({
          error: 'bad_request',
          message: `expected {"orgId": "<uuid>"}: ${z.prettifyError(body.error)}`,
        });
      if (!(await auth.runtime().sessions.switchOrg(staff, body.data.orgId)))
        return reply.code(403).send({
          error: 'forbidden',
          message: `${staff.user.email} is not a member of org ${body.data.orgId}; pick one of ${staff.orgs.map((org) => org.id).join(', ')}`,
        });
      const session = await auth.resolveSession(req.headers.cookie);
      return session.status === 'signed-in' ? sessionSummary(session.staff) : reply.code(401).send();
    });

    scope.post<{ Querystring: { local?: string } }>('/auth/logout', async (req, reply) => {
      const { sessions, cookies, hub } = auth.runtime();
      const idToken = await sessions.end(cookies.read(req.headers.cookie, cookies.sessionName));
      reply.header('set-cookie', cookies.clearSession());
      let atHub: URL | undefined;
      if (idToken && req.query.local !== 'true') {
        atHub = await hub.endSessionUrl(idToken).catch((error: Error) => {
          req.log.warn({ err: error }, 'signed out locally; Hub sign-out unavailable');
          return undefined;
        });
      }
      return reply.redirect(atHub?.href ?? '/auth/signed-out', 303);
    });

    scope.get('/auth/signed-out', async (_req, reply) =>
      reply.type('text/html; charset=utf-8').send(SIGNED_OUT_PAGE),
    );

    scope.get('/hub/waffle', async (req, reply) => {
      const staff = await signedIn(req, reply);
      return staff && waffleMenu(staff, auth.runtime().publicUrl);
    });
  });
}
