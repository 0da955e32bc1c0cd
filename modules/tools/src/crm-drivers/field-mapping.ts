import { invalid } from '@suite/contracts';
import { CANONICAL_FIELDS, CANONICAL_KEYS, type CrmFields, type CrmObject } from './crm-driver.schema';

/** Every canonical key of a driver resolved to the provider's field path for reading and for writing. */
export type FieldMapping = Readonly<Record<string, { readonly read: string; readonly write: string }>>;

export interface FieldMappingOverride {
  readonly canonicalKey: string;
  readonly readPath: string;
  readonly writePath: string;
}

/** The driver's built-in names, with the org's overrides on top. */
export function resolveFieldMapping(
  defaults: Readonly<Record<string, string>>,
  overrides: readonly FieldMappingOverride[],
): FieldMapping {
  const mapping: Record<string, { read: string; write: string }> = {};
  for (const [key, path] of Object.entries(defaults)) mapping[key] = { read: path, write: path };
  for (const override of overrides)
    mapping[override.canonicalKey] = { read: override.readPath, write: override.writePath };
  return mapping;
}

/** Staff's mapping before it is stored: known keys, once each, non-empty paths; errors name the key. */
export function validateFieldMapping(
  entries: readonly { canonicalKey: string; readPath: string; writePath?: string | undefined }[],
): FieldMappingOverride[] {
  const seen = new Set<string>();
  return entries.map((entry, index) => {
    const at = `fields.${index}`;
    if (!CANONICAL_KEYS.includes(entry.canonicalKey))
      throw invalid(
        `${at}.canonicalKey: unknown canonical key "${entry.canonicalKey}"; expected one of ${CANONICAL_KEYS.join(', ')}`,
        `${at}.canonicalKey`,
      );
    if (seen.has(entry.canonicalKey))
      throw invalid(
        `${at}.canonicalKey: ${entry.canonicalKey} is mapped twice; keep one entry`,
        `${at}.canonicalKey`,
      );
    seen.add(entry.canonicalKey);
    if (!entry.readPath)
      throw invalid(
        `${at}.readPath: the path of ${entry.canonicalKey} is empty; give the CRM's field name, or leave the key out for the default`,
        `${at}.readPath`,
      );
    return {
      canonicalKey: entry.canonicalKey,
      readPath: entry.readPath,
      writePath: entry.writePath || entry.readPath,
    };
  });
}

function pathOf(mapping: FieldMapping, key: string, use: 'read' | 'write'): string | undefined {
  return mapping[key]?.[use];
}

/** The provider's path of one canonical key (`contact.phone`), e.g. to filter a search by it. */
export function vendorPath(mapping: FieldMapping, key: string, use: 'read' | 'write'): string {
  const path = pathOf(mapping, key, use);
  if (!path) throw invalid(`${key}: this CRM driver has no field for it; map it first`, key);
  return path;
}

/** Every path a read of `object` needs (HubSpot returns only the properties asked for). */
export function readPaths(mapping: FieldMapping, object: CrmObject): string[] {
  return CANONICAL_FIELDS[object].flatMap((field) => pathOf(mapping, `${object}.${field}`, 'read') ?? []);
}

/** Canonical field values of a write → the provider's fields; an unknown field is refused by name. */
export function toVendorFields(
  mapping: FieldMapping,
  object: CrmObject,
  fields: CrmFields,
): Record<string, string> {
  const known: readonly string[] = CANONICAL_FIELDS[object];
  const vendor: Record<string, string> = {};
  for (const [field, value] of Object.entries(fields)) {
    if (!known.includes(field))
      throw invalid(
        `fields.${field}: unknown ${object} field; expected one of ${known.join(', ')}`,
        `fields.${field}`,
      );
    const path = pathOf(mapping, `${object}.${field}`, 'write');
    if (!path)
      throw invalid(
        `fields.${field}: this CRM driver has no ${object} field for it; map it first`,
        `fields.${field}`,
      );
    vendor[path] = value;
  }
  return vendor;
}

/** A provider's record (its fields by path, dotted paths reaching into objects) → canonical fields. */
export function fromVendorFields(
  mapping: FieldMapping,
  object: CrmObject,
  vendor: unknown,
): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const field of CANONICAL_FIELDS[object]) {
    const path = pathOf(mapping, `${object}.${field}`, 'read');
    const value = path === undefined ? undefined : valueAt(vendor, path);
    if (value !== undefined && value !== null && value !== '') fields[field] = String(value);
  }
  return fields;
}

/** The value at a field path: a key as it is, else a dotted path into nested objects. */
export function valueAt(source: unknown, path: string): unknown {
  if (source !== null && typeof source === 'object' && path in source)
    return (source as Record<string, unknown>)[path];
  return path
    .split('.')
    .reduce<unknown>(
      (node, part) =>
        node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined,
      source,
    );
}
