import { unavailable } from '@suite/contracts';
import type { ToolName, ToolsIntegrationRouter } from '@suite/tools/api';
import type { ProductCaller } from '../crm/crm.client';

/** The tool layer's integration API for one org, called as Voice (its tools and the org's CRM driver). */
export function toolsClient({ integrations, orgId }: ProductCaller) {
  return integrations.client<ToolsIntegrationRouter>('tools', { orgId, caller: 'voice' });
}

/**
 * Runs one of the tool layer's tools for the caller's org (the vendor's credential never leaves the
 * tool layer). A tool's failure is `unavailable`, naming what the vendor said.
 */
export async function runTool(
  caller: ProductCaller,
  tool: ToolName,
  input: Record<string, unknown>,
  idempotencyKey: string,
): Promise<Record<string, unknown>> {
  const result = await toolsClient(caller).run.mutate({ tool, input, idempotencyKey });
  if (result.success) return result;
  const { message = 'the vendor refused' } = (result.error ?? {}) as { message?: string };
  throw unavailable(`${tool}: ${message}; nothing was changed`);
}

/**
 * The tool layer's stream of a recording's audio (`GET /tools/media/recordings/<vendor id>`), fetched
 * with Voice's integration key; `range` is the browser's, passed on for seeking.
 */
export function fetchRecordingMedia(
  { integrations, orgId }: ProductCaller,
  vendorRecordingId: string,
  range: string | undefined,
): Promise<Response> {
  return integrations.fetch(
    'tools',
    { orgId, caller: 'voice' },
    `/tools/media/recordings/${encodeURIComponent(vendorRecordingId)}`,
    { headers: range ? { range } : {} },
  );
}
