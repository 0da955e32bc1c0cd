import { z } from 'zod';

// The tool layer's integration API (served at /tools/integration, X-Integration-Key): a sister product
// runs a tool for the key's org. Scope `tools:run`.

export const toolRun = {
  scope: 'tools:run',
  input: z.object({
    tool: z
      .string()
      .min(1)
      .describe(
        'send_sms, send_email, charge_card, post_to_social, send_contract, geocode_address, place_call or recording_media.',
      ),
    input: z.record(z.string(), z.unknown()).describe("The tool's input, as its schema describes it."),
    idempotencyKey: z
      .string()
      .min(8)
      .max(200)
      .describe('The same key on a retry returns the first result instead of texting or charging twice.'),
    background: z
      .boolean()
      .default(false)
      .describe(
        "A job's call: while the connection is in Error it is parked as a paused run (answer `paused`) and sent once the connection verifies again.",
      ),
  }),
  output: z
    .object({ success: z.boolean(), provider: z.string().optional() })
    .catchall(z.unknown())
    .describe(
      '`{ success: true, provider, …the tool output }` or `{ success: false, error: { code, message, field?, retry_after_seconds? } }`.',
    ),
} as const;

export const toolsIntegrationApi = { toolRun } as const;
