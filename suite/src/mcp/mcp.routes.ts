import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { SuiteModule } from '@suite/contracts';
import type { Database } from '@suite/db';
import type { HubAuth, IntegrationKeys, RequestContext } from '@suite/hub-auth';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { resolveMcpCaller } from './mcp-caller';
import { type McpResource, mcpResource, protectedResourceMetadata } from './mcp-resource';
import { mcpServerFor } from './mcp-server';
import { ProductQueries } from './product-queries';

export interface McpDeps {
  readonly db: Database;
  readonly hubAuth: HubAuth;
  readonly integrationKeys: IntegrationKeys;
  readonly modules: readonly SuiteModule[];
  /** MCP_RESOURCE_URL; unset: `<public URL>/mcp`. */
  readonly resourceUrl: string | undefined;
}

const METADATA_PATH = '/.well-known/oauth-protected-resource';

/**
 * The MCP server for AI assistants at `/mcp` (Streamable HTTP, stateless, JSON responses) and its
 * RFC 9728 metadata. It reaches products only through their staff routers and the tool layer's entry.
 */
export function registerMcp(app: FastifyInstance, deps: McpDeps): void {
  const queries = new ProductQueries(deps.modules);
  const resource = (): McpResource => {
    const { publicUrl, issuer } = deps.hubAuth.runtime();
    return mcpResource(publicUrl, deps.resourceUrl, issuer);
  };
  const metadata = async () => protectedResourceMetadata(resource());
  app.get(METADATA_PATH, metadata);
  app.get(`${METADATA_PATH}/mcp`, metadata);

  const notAllowed = async (_req: FastifyRequest, reply: FastifyReply) =>
    reply
      .status(405)
      .header('allow', 'POST')
      .send({
        jsonrpc: '2.0',
        error: { code: -32000, message: 'this MCP server is stateless: POST JSON-RPC messages to /mcp' },
        id: null,
      });
  app.get('/mcp', notAllowed);
  app.delete('/mcp', notAllowed);

  app.post('/mcp', async (req, reply) => {
    const target = resource();
    const resolution = await resolveMcpCaller(req, deps.hubAuth, deps.integrationKeys, target);
    if (!resolution.ok)
      return reply
        .status(resolution.status)
        .header('www-authenticate', resolution.challenge)
        .send({
          code: resolution.status === 401 ? 'UNAUTHORIZED' : 'FORBIDDEN',
          message: resolution.message,
          requestId: req.id,
        });
    const { caller } = resolution;
    const context: RequestContext = {
      db: deps.db,
      log: req.log,
      requestId: req.id,
      headers: req.headers,
      session:
        caller.kind === 'staff'
          ? { status: 'signed-in', staff: caller.staff }
          : { status: 'signed-out', reason: 'a machine caller' },
      integration: {
        status: 'refused',
        reason: 'MCP calls act as their caller, not with an integration key',
      },
      integrations: deps.integrationKeys.clients,
    };
    const server = mcpServerFor(caller, context, queries);
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableJsonResponse: true,
    });
    reply.hijack();
    reply.raw.on('close', () => {
      void transport.close();
      void server.close();
    });
    await server.connect(transport);
    await transport.handleRequest(req.raw, reply.raw, req.body);
  });
}
