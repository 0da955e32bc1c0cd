import type { OrgTransaction } from '@suite/db';
import type { FieldMappingView, SaveFieldMappingInput } from './crm-driver.schema';
import { crmDefaultsOf } from './crm-driver-registry';
import { type FieldMapping, resolveFieldMapping, validateFieldMapping } from './field-mapping';

/** The org's mapping for a CRM provider: its overrides on top of the driver's built-in names. */
export async function fieldMappingOf(tx: OrgTransaction, provider: string): Promise<FieldMapping> {
  const overrides = await tx.toolsCrmFieldMapping.findMany({ where: { provider } });
  return resolveFieldMapping(crmDefaultsOf(provider), overrides);
}

export async function readFieldMapping(
  tx: OrgTransaction,
  input: { provider: string },
): Promise<FieldMappingView> {
  const defaults = crmDefaultsOf(input.provider);
  const mapping = await fieldMappingOf(tx, input.provider);
  return {
    provider: input.provider,
    fields: Object.entries(mapping).map(([canonicalKey, { read, write }]) => ({
      canonicalKey,
      readPath: read,
      writePath: write,
      custom: read !== defaults[canonicalKey] || write !== defaults[canonicalKey],
    })),
  };
}

/** Replaces the org's overrides for the provider; keys left out go back to the built-in names. */
export async function saveFieldMapping(
  tx: OrgTransaction,
  input: SaveFieldMappingInput,
): Promise<FieldMappingView> {
  crmDefaultsOf(input.provider);
  const overrides = validateFieldMapping(input.fields);
  await tx.toolsCrmFieldMapping.deleteMany({ where: { provider: input.provider } });
  await tx.toolsCrmFieldMapping.createMany({
    data: overrides.map((override) => ({ provider: input.provider, ...override })),
  });
  return readFieldMapping(tx, input);
}
