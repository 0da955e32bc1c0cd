import { z } from 'zod';

/** A zod schema as the JSON Schema an MCP tool list carries (the side a caller sends, or receives). */
export function jsonSchemaOf(schema: z.ZodType, io: 'input' | 'output') {
  const { $schema: _, ...json } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  return { ...json, type: 'object' as const };
}
