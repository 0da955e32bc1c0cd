import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join, relative, resolve, sep } from 'node:path';
import { type BusOperations, connectBusOperations } from '@suite/bus';
import { PRODUCTS } from '@suite/hub-auth';
import type { AnyTRPCRouter } from '@trpc/server';
import type { FastifyInstance } from 'fastify';
import type { Logger } from '../logger';
import { platformRouter } from '../platform/platform.router';

/** `npm run build -w @suite/console` writes here; `npm start` and the test setup build it when needed. */
export const CONSOLE_DIST = resolve(import.meta.dirname, '../../../console/dist');

/** Where the waffle menu links (`/<product>/`), plus the suite's own settings. */
const CONSOLE_PATHS = [...PRODUCTS, 'settings'];

const API_SEGMENTS = new Set(['trpc', 'integration']);

export const ASSET_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
};

const NOT_BUILT = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Console not built</title></head>
<body><main><h1>The console is not built</h1><p>Run <code>npm run build -w @suite/console</code> and reload.</p></main></body></html>`;

/** The built files by URL path, read once: a fixed set, so no request path ever reaches the disk. */
function readAssets(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  if (!existsSync(dir)) return files;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files.set(`/console/${relative(dir, path).split(sep).join('/')}`, readFileSync(path));
  }
  return files;
}

export interface ConsoleDeps {
  readonly databaseUrl: string;
  readonly log: Logger;
  readonly bus: { readonly kafkaBrokers?: readonly string[]; readonly partitions: number };
  readonly mount: (prefix: string, router: AnyTRPCRouter) => void;
}

/**
 * The staff console: its single page at every waffle-menu path (`/crm/…`, `/psa/…`, `/settings/…`;
 * the modules' `/<name>/trpc` routes are more specific and win), its hashed assets under `/console/`,
 * and the platform procedures it needs at `/platform/trpc`.
 */
export function registerConsole(app: FastifyInstance, { databaseUrl, log, bus, mount }: ConsoleDeps): void {
  let operations: BusOperations | undefined;
  const busOperations = () => {
    operations ??= connectBusOperations({ databaseUrl, log, ...bus });
    return operations;
  };
  app.addHook('onClose', async () => operations?.close());
  mount('/platform/trpc', platformRouter(busOperations));

  const assets = readAssets(CONSOLE_DIST);
  const page = assets.get('/console/index.html');
  app.get('/console/*', async (req, reply) => {
    const path = req.url.split('?')[0] ?? '';
    const body = assets.get(path);
    if (!body) return reply.code(404).send({ error: 'not_found', message: `no console file ${path}` });
    return reply
      .type(ASSET_TYPES[extname(path)] ?? 'application/octet-stream')
      .header('cache-control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache')
      .send(body);
  });
  for (const name of CONSOLE_PATHS) {
    app.get(`/${name}`, async (_req, reply) => reply.redirect(`/${name}/`, 308));
    app.get(`/${name}/*`, async (req, reply) => {
      // An API path of a module this process does not run answers as an API, never with the page.
      if (API_SEGMENTS.has(req.url.split(/[/?]/)[2] ?? ''))
        return reply.code(404).send({ error: 'not_found', message: `${name} does not run in this process` });
      return reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-cache')
        .send(page ?? NOT_BUILT);
    });
  }
}
