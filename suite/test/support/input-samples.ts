import { randomUUID } from 'node:crypto';

/** The part of JSON Schema (as `z.toJSONSchema` writes it) a sample is built from. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  minimum?: number;
  exclusiveMinimum?: number;
  minItems?: number;
  maxItems?: number;
}

export type Path = readonly (string | number)[];

/** A leaf of a sample: where it is, what kind of value, and the value the sample has there. */
export interface Leaf {
  readonly path: Path;
  readonly kind: 'string' | 'number' | 'boolean';
  readonly value: unknown;
}

const FORMATS: Record<string, () => string> = {
  uuid: () => randomUUID(),
  email: () => 'sample@example.test',
  uri: () => 'https://example.test/callback',
  date: () => '2027-01-01',
  'date-time': () => new Date().toISOString(),
};
/** Values tried, in order, for a string with a pattern: a domain, money, a currency, a country or code, a colour. */
const PATTERNED = ['example.com', '100.00', 'USD', 'GB', 'sample', '#336699'];

function sampleString(schema: JsonSchema): string {
  const format = schema.format && FORMATS[schema.format];
  if (format) return format();
  if (schema.pattern) {
    const pattern = new RegExp(schema.pattern);
    const match = PATTERNED.find((candidate) => pattern.test(candidate));
    if (match) return match;
  }
  return 'sample'.padEnd(schema.minLength ?? 0, 'x');
}

/** A value the schema accepts, with every optional property present, built from its JSON Schema. */
export function sampleOf(schema: JsonSchema): unknown {
  const choice = schema.anyOf ?? schema.oneOf;
  if (choice) return sampleOf(choice.find((option) => option.type !== 'null') ?? (choice[0] as JsonSchema));
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'object':
      return Object.fromEntries(
        Object.entries(schema.properties ?? {}).map(([key, property]) => [key, sampleOf(property)]),
      );
    case 'array':
      return Array.from({ length: Math.max(1, schema.minItems ?? 0) }, () => sampleOf(schema.items ?? {}));
    case 'string':
      return sampleString(schema);
    case 'integer':
    case 'number':
      return Math.max(1, Math.ceil(schema.minimum ?? schema.exclusiveMinimum ?? 1));
    case 'boolean':
      return true;
    default:
      return schema.default ?? null;
  }
}

/** Every string, number and boolean in a sample, with its path. */
export function leavesOf(value: unknown, path: Path = []): Leaf[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => leavesOf(item, [...path, index]));
  if (value !== null && typeof value === 'object')
    return Object.entries(value).flatMap(([key, item]) => leavesOf(item, [...path, key]));
  if (typeof value === 'string') return [{ path, kind: 'string', value }];
  if (typeof value === 'number') return [{ path, kind: 'number', value }];
  if (typeof value === 'boolean') return [{ path, kind: 'boolean', value }];
  return [];
}

/** A copy of `value` with `replacement` at `path`. */
export function replaced(value: unknown, path: Path, replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<
    string | number,
    unknown
  >;
  copy[head] = replaced(copy[head], rest, replacement);
  return copy;
}
