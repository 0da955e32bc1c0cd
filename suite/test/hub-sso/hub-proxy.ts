import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Tamper {
  /** Hub's endpoint whose JSON answers are rewritten, e.g. `/token` or `/me` (userinfo). */
  readonly path: string;
  rewrite(body: Record<string, unknown>): Promise<Record<string, unknown>>;
}

/**
 * A man in the middle in front of a dev Hub the test starts itself: the suite sees a remote Hub at the
 * proxy's URL. It passes everything through unchanged unless `tamper` rewrites an endpoint's answer,
 * and records which grants the suite asked the token endpoint for.
 */
export class HubProxy {
  target = '';
  tamper: Tamper | undefined;
  readonly grants: string[] = [];
  readonly #server = http.createServer((req, res) => {
    this.#forward(req, res).catch((error: Error) => {
      res.writeHead(502).end(error.message);
    });
  });

  async listen(): Promise<string> {
    this.#server.listen(0, '127.0.0.1');
    await once(this.#server, 'listening');
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    const closed = once(this.#server, 'close');
    this.#server.close();
    this.#server.closeAllConnections();
    await closed;
  }

  async #forward(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    let body = Buffer.alloc(0);
    for await (const chunk of req) body = Buffer.concat([body, chunk as Buffer]);
    const isToken = req.url === '/token';
    if (isToken) this.grants.push(new URLSearchParams(body.toString()).get('grant_type') ?? '');
    const target = new URL(this.target);
    // The Host header is kept, so Hub builds its URLs for the proxy's address, as behind a real proxy.
    const upstream = http.request({
      host: target.hostname,
      port: target.port,
      method: req.method,
      path: req.url,
      headers: req.headers,
    });
    upstream.end(body);
    const [response] = (await once(upstream, 'response')) as [http.IncomingMessage];
    let answer = Buffer.alloc(0);
    for await (const chunk of response) answer = Buffer.concat([answer, chunk as Buffer]);
    const { tamper } = this;
    if (tamper && tamper.path === req.url && response.statusCode === 200) {
      answer = Buffer.from(JSON.stringify(await tamper.rewrite(JSON.parse(answer.toString()))));
    }
    const { 'transfer-encoding': _chunked, ...headers } = response.headers;
    res.writeHead(response.statusCode ?? 502, { ...headers, 'content-length': String(answer.length) });
    res.end(answer);
  }
}

export async function freePort(): Promise<number> {
  const server = http.createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  server.close();
  await once(server, 'close');
  return port;
}
