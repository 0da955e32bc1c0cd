import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import {
  CallToolRequestSchema,
  ErrorCode,
  ListToolsRequestSchema,
  McpError,
} from '@modelcontextprotocol/sdk/types.js';
import type { RequestContext } from '@suite/hub-auth';
import type { McpCaller } from './mcp-caller';
import type { ProductQueries } from './product-queries';
import { callVendorTool, isVendorTool, listVendorTools } from './vendor-tools';

const INSTRUCTIONS =
  "Tools of the One Stack suite for the signed-in user's org: messaging, payments, social posts, e-signature and geocoding through the org's connected vendors, and read-only CRM, PSA and Books queries. Destructive tools answer a confirmation first; show it to the user before calling again with it.";

/**
 * One MCP server per request (the stateless Streamable HTTP mode): it lists and runs exactly the tools
 * this caller may use in its org.
 */
export function mcpServerFor(caller: McpCaller, context: RequestContext, queries: ProductQueries): Server {
  const server = new Server(
    { name: 'one-stack-suite', title: 'One Stack suite', version: '1.0.0' },
    { capabilities: { tools: { listChanged: false } }, instructions: INSTRUCTIONS },
  );
  server.setRequestHandler(ListToolsRequestSchema, async () => ({
    tools: [...(await listVendorTools(context.db, caller)), ...queries.list(caller)],
  }));
  server.setRequestHandler(CallToolRequestSchema, async (request) => {
    const { name, arguments: args = {} } = request.params;
    if (isVendorTool(name))
      return callVendorTool(context.db, caller, { tool: name, args, requestId: context.requestId });
    if (queries.has(name)) return queries.call(caller, context, name, args);
    throw new McpError(
      ErrorCode.InvalidParams,
      `unknown tool "${name}"; list the tools to see which this caller has`,
    );
  });
  return server;
}
