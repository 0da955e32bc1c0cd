import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';

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
