import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { extname, join, relative, resolve, sep } from 'node:path';
import type { SuiteModule } from '@suite/contracts';
import { type Database, forOrg } from '@suite/db';
import type { IntegrationClients } from '@suite/hub-auth';
import {
  clearedSessionCookie,
  clientSharePdf,
  confirmMagicLink,
  magicLinkConfirmInput,
  magicLinkRequestInput,
  type PortalHosts,
  portalClientRouter,
  portalHostsFor,
  renderPortalPage,
  requestMagicLink,
  sessionCookie,
  sessionTokenOf,
  signedInUser,
  signOut,
} from '@suite/portal';
import type { AnyTRPCRouter } from '@trpc/server';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ASSET_TYPES } from './console.routes';

/** `npm run build -w @suite/portal-web` writes here; `npm start` and the test setup build it when needed. */
export const PORTAL_DIST = resolve(import.meta.dirname, '../../../portal/dist');

/** Paths a portal host answers besides its page; everything of the staff suite stays unreachable there. */
const PORTAL_API = /^\/(?:assets\/|documents\/|portal\/(?:client\/|sign-in\/(?:link|confirm)$|sign-out$))/;

const NOT_BUILT = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Portal</title></head>
<body><main><h1>The portal is not built</h1><p>Run <code>npm run build -w @suite/portal-web</code> and reload.</p></main></body></html>`;

type PortalRecord = NonNullable<Awaited<ReturnType<PortalHosts['portalOf']>>>;

export interface PortalDeps {
  readonly db: Database;
  readonly integrations: IntegrationClients;
  /** Host names of the staff suite (IP addresses always are); any other host is a portal's or a plain 404. */
  readonly staffHosts: ReadonlySet<string>;
  readonly mount: (prefix: string, router: AnyTRPCRouter) => void;
}

function readAssets(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  if (!existsSync(dir)) return files;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files.set(`/${relative(dir, path).split(sep).join('/')}`, readFileSync(path));
  }
  return files;
}

const documentInput = z.object({ shareId: z.uuid('shareId: expected a document id') });

const notFound = (reply: FastifyReply) => reply.code(404).type('text/plain; charset=utf-8').send('Not found');

/** Over https when Caddy (or another proxy on loopback) says so: the cookie becomes `__Host-`. */
const isHttps = (req: FastifyRequest) =>
  req.protocol === 'https' || req.headers['x-forwarded-proto'] === 'https';

const hostOf = (req: FastifyRequest) =>
  (req.headers.host ?? '')
    .toLowerCase()
    .replace(/:\d+$/, '')
    .replace(/^\[(.*)\]$/, '$1');

/** A portal is never reached by an IP address, so probes and loopback calls by IP stay the suite's. */
const isStaffHost = (host: string, staffHosts: ReadonlySet<string>) =>
  staffHosts.has(host) || isIP(host) !== 0;

/**
 * The client portal on every host that is not the staff suite's: the Host resolves the portal before
 * anything else runs, an unknown or unverified host gets a plain 404 naming no one, and a portal host
 * reaches only the portal (its page, assets, sign-in and client API). Caddy's on-demand TLS asks
 * `/portal/tls-ask` on the staff host.
 */
export function registerPortal(app: FastifyInstance, deps: PortalDeps): void {
  const hosts = portalHostsFor(deps.db.system);
  const portals = new WeakMap<FastifyRequest, PortalRecord>();
  const assets = readAssets(PORTAL_DIST);
  const template = assets.get('/index.html')?.toString('utf8');

  app.addHook('onRequest', async (req, reply) => {
    if (isStaffHost(hostOf(req), deps.staffHosts)) return;
    const portal = await hosts.portalOf(req.headers.host).catch((error: unknown) => {
      req.log.error({ err: error }, 'portal host lookup failed');
      return null;
    });
    if (!portal) return notFound(reply);
    const path = req.url.split('?')[0] ?? '/';
    if (PORTAL_API.test(path)) {
      portals.set(req, portal);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return notFound(reply);
    return reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-cache')
      .send(template ? renderPortalPage(template, portal) : NOT_BUILT);
  });

  const portalOf = (req: FastifyRequest) => portals.get(req);

  app.get('/assets/*', async (req, reply) => {
    const path = req.url.split('?')[0] ?? '';
    const body = portalOf(req) && assets.get(path);
    if (!body) return notFound(reply);
    return reply
      .type(ASSET_TYPES[extname(path)] ?? 'application/octet-stream')
      .header('cache-control', 'public, max-age=31536000, immutable')
      .send(body);
  });

  app.post('/portal/sign-in/link', async (req, reply) => {
    const portal = portalOf(req);
    if (!portal) return notFound(reply);
    const input = magicLinkRequestInput.parse(req.body);
    const origin = `${isHttps(req) ? 'https' : 'http'}://${req.headers.host}`;
    const result = await forOrg(deps.db.app, portal.orgId).transaction((tx) =>
      requestMagicLink(tx, input, { portal, origin, ip: req.ip, integrations: deps.integrations }),
    );
    if (result.status === 'rate_limited')
      return reply
        .code(429)
        .header('retry-after', String(result.retryAfterSeconds))
        .send({
          code: 'TOO_MANY_REQUESTS',
          message: `too many sign-in links asked for; try again in ${Math.ceil(result.retryAfterSeconds / 60)} minutes`,
          requestId: req.id,
        });
    return reply
      .code(202)
      .send({ status: 'sent', message: 'if this address has access, a sign-in link is on its way' });
  });

  app.post('/portal/sign-in/confirm', async (req, reply) => {
    const portal = portalOf(req);
    if (!portal) return notFound(reply);
    const input = magicLinkConfirmInput.parse(req.body);
    const signedIn = await forOrg(deps.db.app, portal.orgId).transaction((tx) =>
      confirmMagicLink(tx, input, { portal }),
    );
    return reply
      .header('set-cookie', sessionCookie(signedIn.sessionToken, isHttps(req)))
      .send({ status: 'signed_in', expiresAt: signedIn.expiresAt.toISOString() });
  });

  app.post('/portal/sign-out', async (req, reply) => {
    const portal = portalOf(req);
    if (!portal) return notFound(reply);
    const token = sessionTokenOf(req.headers.cookie);
    if (token) await forOrg(deps.db.app, portal.orgId).transaction((tx) => signOut(tx, token));
    return reply.header('set-cookie', clearedSessionCookie(isHttps(req))).send({ status: 'signed_out' });
  });

  // A download, so plain HTTP with the session cookie; the client sees only their company's documents.
  app.get('/documents/:shareId', async (req, reply) => {
    const portal = portalOf(req);
    if (!portal) return notFound(reply);
    const token = sessionTokenOf(req.headers.cookie);
    const { shareId } = req.params as { shareId: string };
    const document = await forOrg(deps.db.app, portal.orgId).transaction(async (tx) => {
      const client = token ? await signedInUser(tx, portal.id, token) : null;
      if (!client) return null;
      return clientSharePdf(tx, documentInput.parse({ shareId }), { client, portal });
    });
    if (!document)
      return reply.code(401).send({
        code: 'UNAUTHORIZED',
        message: 'sign in with the link we email you, then try again',
        requestId: req.id,
      });
    return reply
      .type('application/pdf')
      .header('content-disposition', `inline; filename="${document.filename.replace(/[^\w. -]/g, '_')}"`)
      .header('x-content-sha256', document.sha256)
      .header('cache-control', 'private, no-store')
      .send(Buffer.from(document.pdf));
  });

  deps.mount('/portal/client', portalClientRouter);

  app.get('/portal/tls-ask', async (req, reply) => {
    const { domain } = req.query as { domain?: unknown };
    const active = typeof domain === 'string' && (await hosts.isActiveDomain(domain).catch(() => false));
    return reply
      .code(active ? 200 : 404)
      .type('text/plain; charset=utf-8')
      .send(active ? 'ok' : 'no');
  });
}

/** Whether this process serves the portal. */
export const runsPortal = (modules: readonly SuiteModule[]) =>
  modules.some((module) => module.name === 'portal');
