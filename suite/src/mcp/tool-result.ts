import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { z } from 'zod';

/** A tool's answer: the structured result and the same as text, for clients that read only text. */
export function structured(result: Record<string, unknown>, isError = false): CallToolResult {
  return {
    content: [{ type: 'text', text: JSON.stringify(result) }],
    structuredContent: result,
    ...(isError && { isError: true }),
  };
}

/** A failure the assistant can act on ("unavailable: reconnect Twilio …"), as a result, not an exception. */
export function failure(message: string): CallToolResult {
  return { content: [{ type: 'text', text: message }], isError: true };
}

/** Arguments the tool's schema refuses: the field and what is wrong, so the assistant can fix its call. */
export function invalidArguments(tool: string, error: z.ZodError): CallToolResult {
  const [issue] = error.issues;
  return failure(
    `${tool}: ${issue?.path.join('.') || 'arguments'}: ${issue?.message}; fix the argument and call again`,
  );
}
