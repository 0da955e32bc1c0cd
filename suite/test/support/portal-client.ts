import { request } from 'node:http';

export interface PortalAnswer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
  json<T = Record<string, unknown>>(): T;
}

/**
 * One HTTP request to the suite naming `host` in its Host header, as a browser on a portal's domain
 * sends it (fetch cannot set Host). The cookie jar is the caller's: pass `cookie`, read `set-cookie`.
 */
export function portalRequest(
  suiteUrl: string,
  host: string,
  path: string,
  options: { method?: string; body?: unknown; cookie?: string; headers?: Record<string, string> } = {},
): Promise<PortalAnswer> {
  const url = new URL(path, suiteUrl);
  const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: options.method ?? (payload ? 'POST' : 'GET'),
        headers: {
          host,
          ...(payload && { 'content-type': 'application/json' }),
          ...(options.cookie && { cookie: options.cookie }),
          ...options.headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const body = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body, json: () => JSON.parse(body) });
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** The session cookie a response set, as the `cookie` header of the next request. */
export function cookieOf(answer: PortalAnswer): string {
  const set = answer.headers['set-cookie'];
  const first = Array.isArray(set) ? set[0] : set;
  if (!first) throw new Error(`no cookie was set (status ${answer.status}: ${answer.body})`);
  return first.split(';')[0] ?? '';
}

/** A client procedure's URL on the portal (`session.me`, `quotes.list` …). */
export const clientPath = (procedure: string, input?: unknown) =>
  `/portal/client/${procedure}${input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`}`;
