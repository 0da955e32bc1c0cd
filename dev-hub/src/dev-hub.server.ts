import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEV_HUB_SEED, type DevHubSeed, type DevHubStartOptions, type RunningDevHub } from '@suite/hub-auth';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import Provider from 'oidc-provider';
import { devHubConfiguration } from './dev-hub.config';
import { errorPage, signInPage } from './dev-hub.pages';

export interface DevHubOptions extends DevHubStartOptions {
  readonly seed?: DevHubSeed;
  /** Defaults to the listening address; differs only when something (a test's proxy) fronts the dev Hub. */
  readonly issuer?: string;
  /** Private JWKs, the first signs; default: a fresh RS256 key per start. */
  readonly signingKeys?: readonly JWK[];
  readonly accessTokenTtlSeconds?: number;
}

export interface DevHub extends RunningDevHub {
  /** Where it listens (equals `issuer` unless one was given). */
  readonly url: string;
}

export async function devHubSigningKey(): Promise<JWK> {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  return { ...(await exportJWK(privateKey)), kid: randomUUID(), alg: 'RS256', use: 'sig' };
}

async function formBody(req: http.IncomingMessage): Promise<URLSearchParams> {
  let body = '';
  for await (const chunk of req) body += chunk;
  return new URLSearchParams(body);
}

/** The sign-in page (`/interaction/<uid>`): pick a seeded user; no password, it is a development Hub. */
async function handleInteraction(
  provider: Provider,
  seed: DevHubSeed,
  req: http.IncomingMessage,
  res: http.ServerResponse,
): Promise<void> {
  const interaction = await provider.interactionDetails(req, res);
  if (req.method === 'GET') {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(signInPage(seed, `/interaction/${interaction.uid}/login`));
    return;
  }
  const userId = (await formBody(req)).get('user');
  const user = seed.users.find((candidate) => candidate.id === userId);
  if (!user) {
    res.writeHead(400, { 'content-type': 'text/html; charset=utf-8' });
    res.end(errorPage({ error: `no seeded user with id "${userId}"; pick one on the sign-in page` }));
    return;
  }
  await provider.interactionFinished(
    req,
    res,
    { login: { accountId: user.id } },
    { mergeWithLastSubmission: false },
  );
}

/**
 * A real OpenID Connect provider (oidc-provider) with seeded orgs and users, on its own loopback port in
 * the suite's process, so a fresh machine can sign in and tests run the real protocol. Development only.
 */
export async function startDevHub(options: DevHubOptions): Promise<DevHub> {
  if (options.environment === 'production')
    throw new Error(
      'the dev Hub is development-only and refuses to start with NODE_ENV=production; set HUB_ISSUER_URL, HUB_CLIENT_ID and HUB_CLIENT_SECRET for the real Hub',
    );
  const seed = options.seed ?? DEV_HUB_SEED;
  const keys = options.signingKeys ?? [await devHubSigningKey()];
  const server = http.createServer();
  server.listen(options.port, '127.0.0.1');
  await once(server, 'listening').catch((error: NodeJS.ErrnoException) => {
    throw new Error(
      `dev Hub cannot listen on 127.0.0.1:${options.port} (${error.code}); set HUB_DEV_PORT to a free port or 0`,
    );
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const issuer = options.issuer ?? url;
  const provider = new Provider(issuer, devHubConfiguration(options, seed, keys));
  provider.on('server_error', (_ctx, error) => options.log?.error({ err: error }, 'dev Hub failed'));
  const handle = provider.callback();
  server.on('request', (req, res) => {
    if (!/^\/interaction\/[\w-]+(\/login)?$/.test(req.url ?? '')) return handle(req, res);
    handleInteraction(provider, seed, req, res).catch((error: Error) => {
      res.writeHead(400, { 'content-type': 'text/html; charset=utf-8' });
      res.end(errorPage({ error: `${error.message}; start again from the suite's /auth/login` }));
    });
  });
  options.log?.warn(
    { issuer, users: seed.users.map((user) => user.email) },
    'dev Hub started (development only)',
  );
  return {
    issuer,
    url,
    seed,
    async close() {
      const closed = once(server, 'close');
      server.close();
      server.closeAllConnections();
      await closed;
    },
  };
}
