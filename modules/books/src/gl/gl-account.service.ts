import { conflict, found } from '@suite/contracts';
import type { OrgTransaction } from '@suite/db';
import { getSettings, updateSettings } from '../settings/settings.service';
import type {
  DefaultGlAccountInput,
  GlAccountCreateInput,
  GlAccountView,
  ItemMappingInput,
  ItemMappingView,
  MappingsView,
} from './gl-account.schema';

type GlAccountRow = { id: string; code: string; name: string };

export const glAccountView = (row: GlAccountRow): GlAccountView => ({
  glAccountId: row.id,
  code: row.code,
  name: row.name,
});

export async function glAccountInOrg(tx: OrgTransaction, glAccountId: string): Promise<GlAccountRow> {
  return found(
    await tx.booksGlAccount.findFirst({ where: { id: glAccountId } }),
    `GL account ${glAccountId}`,
  );
}

export async function createGlAccount(
  tx: OrgTransaction,
  input: GlAccountCreateInput,
): Promise<GlAccountView> {
  if (await tx.booksGlAccount.findFirst({ where: { code: input.code } }))
    throw conflict(`code: GL account ${input.code} already exists; pick another code`);
  return glAccountView(await tx.booksGlAccount.create({ data: input }));
}

export async function listGlAccounts(tx: OrgTransaction): Promise<GlAccountView[]> {
  return (await tx.booksGlAccount.findMany({ where: { archivedAt: null }, orderBy: { code: 'asc' } })).map(
    glAccountView,
  );
}

/** The GL account an item posts to: its own mapping, else the org default, else none (flagged). */
export async function resolveGlAccountId(tx: OrgTransaction, itemCode: string): Promise<string | null> {
  const mapping = await tx.booksItemMapping.findFirst({ where: { itemCode } });
  return mapping?.glAccountId ?? (await getSettings(tx)).defaultGlAccountId;
}

/** Maps an item code; contract lines of that code still lacking a GL account take it. */
export async function setItemMapping(tx: OrgTransaction, input: ItemMappingInput): Promise<ItemMappingView> {
  const account = await glAccountInOrg(tx, input.glAccountId);
  const existing = await tx.booksItemMapping.findFirst({ where: { itemCode: input.itemCode } });
  if (existing)
    await tx.booksItemMapping.update({ where: { id: existing.id }, data: { glAccountId: account.id } });
  else await tx.booksItemMapping.create({ data: input });
  const { count } = await tx.booksContractLine.updateMany({
    where: { itemCode: input.itemCode, glAccountId: null },
    data: { glAccountId: account.id },
  });
  return { itemCode: input.itemCode, glAccount: glAccountView(account), linesResolved: count };
}

/** Sets the org's fallback GL account; every flagged contract line takes it. */
export async function setDefaultGlAccount(
  tx: OrgTransaction,
  input: DefaultGlAccountInput,
): Promise<MappingsView> {
  if (input.glAccountId) {
    await glAccountInOrg(tx, input.glAccountId);
    await tx.booksContractLine.updateMany({
      where: { glAccountId: null },
      data: { glAccountId: input.glAccountId },
    });
  }
  await updateSettings(tx, { defaultGlAccountId: input.glAccountId });
  return listMappings(tx);
}

export async function listMappings(tx: OrgTransaction): Promise<MappingsView> {
  const { defaultGlAccountId } = await getSettings(tx);
  const mappings = await tx.booksItemMapping.findMany({
    include: { glAccount: true },
    orderBy: { itemCode: 'asc' },
  });
  return {
    defaultGlAccount: defaultGlAccountId ? glAccountView(await glAccountInOrg(tx, defaultGlAccountId)) : null,
    mappings: mappings.map((m) => ({ itemCode: m.itemCode, glAccount: glAccountView(m.glAccount) })),
  };
}
