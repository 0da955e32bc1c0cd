import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';

const tls = (name: string) => readFileSync(fileURLToPath(new URL(`./tls/${name}`, import.meta.url)));

/** The stand-in's self-signed certificate for 127.0.0.1: clients trust it as their only CA. */
export const STAND_IN_CA_FILE = fileURLToPath(new URL('./tls/loopback.crt', import.meta.url));
export const STAND_IN_CA = tls('loopback.crt');

export const M365_TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
export const M365_CLIENT_ID = '6731de76-14a6-49ae-97bc-6eba6914391e';
export const M365_SECRET = 'stand-in-client-secret-value';

export interface StandInMessage {
  readonly id: string;
  readonly conversationId: string;
  readonly subject: string;
  readonly bodyPreview: string;
  readonly from: string;
  readonly to: readonly string[];
  readonly cc?: readonly string[];
  readonly sentDateTime: string;
}

interface Change {
  readonly version: number;
  readonly message: StandInMessage;
  readonly removed?: 'deleted' | 'changed';
}

export interface GraphRequestLog {
  readonly method: string;
  readonly path: string;
  readonly at: number;
  readonly status: number;
}

export interface GraphStandIn {
  readonly url: string;
  readonly requests: GraphRequestLog[];
  readonly sent: { mailbox: string; body: Record<string, unknown> }[];
  /** Messages arriving in (or sent from) a mailbox folder. */
  add(mailbox: string, folder: string, ...messages: StandInMessage[]): void;
  remove(mailbox: string, folder: string, id: string): void;
  /** Every delta token issued so far answers 410 SyncStateNotFound. */
  expireTokens(): void;
  /** The next `count` delta requests answer `status` with this Retry-After. */
  refuse(count: number, status: 429 | 503, retryAfter: string): void;
  /** Delta page requests wait on this first (a test holds a page to kill its reader). */
  holdPages(hold: ((folder: string, pageNumber: number) => Promise<void>) | undefined): void;
  /** Only these mailboxes exist; everything answers 403 until admin consent is granted. */
  consent(granted: boolean): void;
  tokensIssued(): number;
  close(): Promise<void>;
}

const graphBody = (status: number, code: string, message: string) => ({
  status,
  body: {
    error: { code, message, innerError: { 'request-id': 'stand-in', date: new Date().toISOString() } },
  },
});

function toGraph(message: StandInMessage, mailbox: string) {
  const address = (email: string) => ({ emailAddress: { name: email.split('@')[0], address: email } });
  return {
    '@odata.etag': `W/"${message.id}"`,
    id: message.id,
    subject: message.subject,
    bodyPreview: message.bodyPreview,
    conversationId: message.conversationId,
    sentDateTime: message.sentDateTime,
    receivedDateTime: message.sentDateTime,
    webLink: `https://outlook.office365.com/owa/?ItemID=${encodeURIComponent(message.id)}&exvsurl=1&viewmodel=ReadMessageItem&mailbox=${mailbox}`,
    from: address(message.from),
    toRecipients: message.to.map(address),
    ccRecipients: (message.cc ?? []).map(address),
    bccRecipients: [],
  };
}

/**
 * Microsoft Entra ID's token endpoint and the Graph mail paths the sync and send_email use, over HTTPS
 * on loopback, with Graph's bodies: `messages/delta` with skip and delta tokens pointing back here,
 * `@removed`, `Prefer: odata.maxpagesize`, 410 SyncStateNotFound, 429/503 with Retry-After, `sendMail`.
 */
export async function startGraphStandIn(mailboxes: readonly string[]): Promise<GraphStandIn> {
  const requests: GraphRequestLog[] = [];
  const sent: { mailbox: string; body: Record<string, unknown> }[] = [];
  const logs = new Map<string, Change[]>();
  let version = 0;
  let generation = 1;
  let refusals: { count: number; status: number; retryAfter: string } = {
    count: 0,
    status: 429,
    retryAfter: '1',
  };
  let hold: ((folder: string, page: number) => Promise<void>) | undefined;
  const pagesServed = new Map<string, number>();
  let consented = true;
  let tokens = 0;
  const log = (mailbox: string, folder: string) => {
    const key = `${mailbox.toLowerCase()}/${folder}`;
    if (!logs.has(key)) logs.set(key, []);
    return logs.get(key) as Change[];
  };
  const add = (mailbox: string, folder: string, ...messages: StandInMessage[]) => {
    for (const message of messages) log(mailbox, folder).push({ version: ++version, message });
  };
  const current = (changes: readonly Change[]) => {
    const latest = new Map<string, Change>();
    for (const change of changes) latest.set(change.message.id, change);
    return [...latest.values()].filter((change) => change.removed !== 'deleted');
  };

  let base = '';
  const deltaPage = (mailbox: string, folder: string, query: URLSearchParams, pageSize: number) => {
    const changes = log(mailbox, folder);
    const skip = query.get('$skiptoken');
    const delta = query.get('$deltatoken');
    let from: number;
    let upTo: number;
    let offset: number;
    if (skip) [from, upTo, offset] = skip.split('.').map(Number) as [number, number, number];
    else {
      const [token = '0', issuedIn = '0'] = (delta ?? '0~0').split('~');
      if (delta && Number(issuedIn) !== generation)
        return graphBody(410, 'SyncStateNotFound', 'The sync state generation is not found.');
      from = Number(token);
      upTo = version;
      offset = 0;
    }
    const round = (from === 0 ? current(changes.filter((c) => c.version <= upTo)) : changes)
      .filter((change) => change.version > from && change.version <= upTo)
      .sort((a, b) => a.version - b.version);
    const items = round
      .slice(offset, offset + pageSize)
      .map((change) =>
        change.removed
          ? { id: change.message.id, '@removed': { reason: change.removed } }
          : toGraph(change.message, mailbox),
      );
    const path = `${base}/v1.0/users/${encodeURIComponent(mailbox)}/mailFolders/${folder}/messages/delta`;
    const more = offset + pageSize < round.length;
    return {
      status: 200,
      body: {
        '@odata.context': `${base}/v1.0/$metadata#Collection(message)`,
        value: items,
        ...(more
          ? { '@odata.nextLink': `${path}?$skiptoken=${from}.${upTo}.${offset + pageSize}` }
          : { '@odata.deltaLink': `${path}?$deltatoken=${upTo}~${generation}` }),
      },
    };
  };

  const route = async (
    request: IncomingMessage,
    body: string,
  ): Promise<{ status: number; body?: unknown; headers?: Record<string, string> }> => {
    const url = new URL(request.url ?? '/', 'https://stand-in');
    const path = decodeURIComponent(url.pathname);
    if (request.method === 'POST' && /^\/[^/]+\/oauth2\/v2\.0\/token$/.test(path)) {
      const form = new URLSearchParams(body);
      if (path.split('/')[1] !== M365_TENANT)
        return {
          status: 400,
          body: { error: 'invalid_request', error_description: 'AADSTS90002: Tenant not found.' },
        };
      if (form.get('client_id') !== M365_CLIENT_ID)
        return {
          status: 400,
          body: {
            error: 'unauthorized_client',
            error_description: 'AADSTS700016: Application not found in the directory.',
          },
        };
      if (form.get('client_secret') !== M365_SECRET)
        return {
          status: 401,
          body: {
            error: 'invalid_client',
            error_description: 'AADSTS7000215: Invalid client secret provided.',
          },
        };
      tokens += 1;
      return {
        status: 200,
        body: {
          token_type: 'Bearer',
          expires_in: 3599,
          ext_expires_in: 3599,
          access_token: `stand-in-token-${tokens}`,
        },
      };
    }
    if (!request.headers.authorization?.startsWith('Bearer stand-in-token-'))
      return graphBody(401, 'InvalidAuthenticationToken', 'Access token is empty.');
    if (!consented)
      return graphBody(403, 'ErrorAccessDenied', 'Access is denied. Check credentials and try again.');
    const user = /^\/v1\.0\/users\/([^/]+)(\/.*)$/.exec(path);
    if (!user) return graphBody(400, 'BadRequest', `stand-in has no route ${path}`);
    const [, mailbox = '', rest = ''] = user;
    if (!mailboxes.includes(mailbox.toLowerCase()))
      return graphBody(404, 'ErrorInvalidUser', `The requested user '${mailbox}' is invalid.`);
    if (request.method === 'GET' && rest === '/mailFolders')
      return {
        status: 200,
        body: {
          value: [
            { id: 'inbox-id', displayName: 'Inbox' },
            { id: 'sent-id', displayName: 'Sent Items' },
          ],
        },
      };
    const delta = /^\/mailFolders\/([^/]+)\/messages\/delta$/.exec(rest);
    if (request.method === 'GET' && delta) {
      if (refusals.count > 0) {
        refusals.count -= 1;
        return {
          ...graphBody(
            refusals.status,
            refusals.status === 429 ? 'TooManyRequests' : 'ServiceUnavailable',
            'Please retry.',
          ),
          headers: { 'retry-after': refusals.retryAfter },
        };
      }
      const folder = delta[1] ?? '';
      pagesServed.set(folder, (pagesServed.get(folder) ?? 0) + 1);
      await hold?.(folder, pagesServed.get(folder) ?? 0);
      const prefer = String(request.headers.prefer ?? '');
      const size = Number(/odata\.maxpagesize=(\d+)/.exec(prefer)?.[1] ?? 10);
      if (!prefer.includes('IdType="ImmutableId"'))
        return graphBody(400, 'BadRequest', 'the stand-in expects immutable ids');
      return deltaPage(mailbox, delta[1] ?? '', url.searchParams, size);
    }
    const single = /^\/messages\/([^/]+)$/.exec(rest);
    if (request.method === 'GET' && single) {
      for (const [key, changes] of logs)
        if (key.startsWith(`${mailbox.toLowerCase()}/`)) {
          const found = current(changes).find((change) => change.message.id === single[1]);
          if (found) return { status: 200, body: toGraph(found.message, mailbox) };
        }
      return graphBody(404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
    }
    if (request.method === 'POST' && rest === '/sendMail') {
      const parsed = JSON.parse(body) as {
        message: {
          subject: string;
          body: { content: string };
          toRecipients: { emailAddress: { address: string } }[];
        };
      };
      sent.push({ mailbox, body: parsed as unknown as Record<string, unknown> });
      // The sent message lands in Sent Items, where the sync sees it like any other.
      add(mailbox, 'sentitems', {
        id: `AAkALgAAAAAAHYQDEapmEc2byACqAC-EWg0A-sent-${sent.length}`,
        conversationId: `conv-sent-${sent.length}`,
        subject: parsed.message.subject,
        bodyPreview: parsed.message.body.content.slice(0, 255),
        from: mailbox,
        to: parsed.message.toRecipients.map((recipient) => recipient.emailAddress.address),
        sentDateTime: new Date().toISOString(),
      });
      return { status: 202 };
    }
    return graphBody(400, 'BadRequest', `stand-in has no route ${request.method} ${path}`);
  };

  const server = createServer(
    { key: tls('loopback.key'), cert: STAND_IN_CA },
    async (request: IncomingMessage, response: ServerResponse) => {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      const reply = await route(request, Buffer.concat(chunks).toString());
      requests.push({
        method: request.method ?? 'GET',
        path: request.url ?? '/',
        at: Date.now(),
        status: reply.status,
      });
      // Graph's 202 for sendMail has no body and no content type (the Graph client parses what it types).
      if (reply.body === undefined)
        response.writeHead(reply.status, { 'content-length': '0', ...reply.headers });
      else response.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
      response.end(reply.body === undefined ? '' : JSON.stringify(reply.body));
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    requests,
    sent,
    add,
    remove(mailbox, folder, id) {
      const found = current(log(mailbox, folder)).find((change) => change.message.id === id);
      if (found)
        log(mailbox, folder).push({ version: ++version, message: found.message, removed: 'deleted' });
    },
    expireTokens() {
      generation += 1;
    },
    refuse(count, status, retryAfter) {
      refusals = { count, status, retryAfter };
    },
    holdPages(next) {
      hold = next;
    },
    consent(granted) {
      consented = granted;
    },
    tokensIssued: () => tokens,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
