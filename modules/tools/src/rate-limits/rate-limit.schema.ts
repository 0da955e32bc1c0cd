import { z } from 'zod';
import { capabilityName } from '../tools/tool-catalog';

const rateLimit = z.object({
  limit: z.number().int().min(1).max(1_000_000),
  windowSeconds: z.number().int().min(1).max(86_400),
});
export const toolLimit = rateLimit.extend({ tool: capabilityName });
