import { z } from 'zod';
import { toolName } from './tool-catalog';

export const staffToolRunInput = z.object({
  tool: toolName,
  input: z.record(z.string(), z.unknown()),
  idempotencyKey: z.string().min(8).max(200),
});
export type StaffToolRunInput = z.infer<typeof staffToolRunInput>;

export const toolResult = z
  .object({ success: z.boolean(), provider: z.string().optional() })
  .catchall(z.unknown());
