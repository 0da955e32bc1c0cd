import { toolRun } from '@suite/contracts';
import { fromContract, inTenant, router } from '@suite/hub-auth';
import { runRequestedTool } from './tools/tool-run.service';

/**
 * The tool layer's integration API (contracts/src/integration/tools.integration.ts), served at
 * /tools/integration: a sister product runs a tool for its key's org, never seeing a credential.
 */
export const toolsIntegrationRouter = router({
  run: fromContract(toolRun).mutation(inTenant(runRequestedTool)),
});
