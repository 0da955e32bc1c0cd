import type { toolsIntegrationRouter } from './integration';
import type { toolsAppRouter } from './router';

/** Type-only surface other modules may import. */
export type ToolsAppRouter = typeof toolsAppRouter;
export type ToolsIntegrationRouter = typeof toolsIntegrationRouter;
export type { ToolName, ToolResult } from './tools/tool-catalog';
