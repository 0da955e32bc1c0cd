import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StandInRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
  /** The body as a form or JSON, whichever it was sent as; a multipart file as a Buffer. */
  readonly fields: Record<string, unknown>;
}

export interface StandInReply {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
}

export type StandInRoute = (
  request: StandInRequest,
  match: RegExpExecArray,
) => StandInReply | Promise<StandInReply>;

export interface StandIn {
  readonly url: string;
  readonly requests: StandInRequest[];
  close(): Promise<void>;
}

async function fieldsOf(request: IncomingMessage, raw: Buffer): Promise<Record<string, unknown>> {
  const type = request.headers['content-type'] ?? '';
  const body = raw.toString();
  if (type.includes('application/json')) return body ? (JSON.parse(body) as Record<string, unknown>) : {};
  if (type.includes('application/x-www-form-urlencoded'))
    return Object.fromEntries(new URLSearchParams(body));
  if (type.includes('multipart/form-data')) {
    const form = await new Response(new Uint8Array(raw), { headers: { 'content-type': type } }).formData();
    const fields: Record<string, unknown> = {};
    for (const [name, value] of form)
      fields[name] = typeof value === 'string' ? value : Buffer.from(await value.arrayBuffer());
    return fields;
  }
  return {};
}

/** A loopback HTTP server answering a vendor's documented routes (`METHOD /path-regex`), logging each request. */
export async function startStandIn(routes: Record<string, StandInRoute>): Promise<StandIn> {
  const requests: StandInRequest[] = [];
  const table = Object.entries(routes).map(([key, route]) => {
    const [method, pattern] = key.split(' ') as [string, string];
    return { method, pattern: new RegExp(`^${pattern}$`), route };
  });
  const server = createServer(async (request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const body = raw.toString();
    const url = new URL(request.url ?? '/', 'http://stand-in');
    const seen: StandInRequest = {
      method: request.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: request.headers,
      body,
      fields: await fieldsOf(request, raw),
    };
    requests.push(seen);
    const found = table.find((entry) => entry.method === seen.method && entry.pattern.test(seen.path));
    const reply = found
      ? await found.route(seen, found.pattern.exec(seen.path) as RegExpExecArray)
      : { status: 404, body: { error: `stand-in has no route ${seen.method} ${seen.path}` } };
    response.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
    // A Buffer is media (a recording), sent as is with the route's content type.
    response.end(
      reply.body === undefined ? '' : Buffer.isBuffer(reply.body) ? reply.body : JSON.stringify(reply.body),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export function basicAuth(request: StandInRequest): { user: string; password: string } | undefined {
  const header = request.headers.authorization;
  if (!header?.startsWith('Basic ')) return undefined;
  const [user = '', password = ''] = Buffer.from(header.slice(6), 'base64').toString().split(':');
  return { user, password };
}

export function bearerToken(request: StandInRequest): string | undefined {
  const header = request.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice(7) : undefined;
}
