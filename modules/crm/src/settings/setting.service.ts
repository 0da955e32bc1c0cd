import type { OrgTransaction } from '@suite/db';
import type { CrmSettingsView, SettingsUpdateInput } from './setting.schema';

const DEFAULTS: CrmSettingsView = {
  createProjectOnWin: true,
  defaultCurrency: 'USD',
  defaultCountry: 'US',
  winDealOnQuoteAccept: true,
};

/** The org's CRM settings; defaults until someone changes one. */
export async function getSettings(tx: OrgTransaction): Promise<CrmSettingsView> {
  const row = await tx.crmSettings.findFirst();
  if (!row) return DEFAULTS;
  const { createProjectOnWin, defaultCurrency, defaultCountry, winDealOnQuoteAccept } = row;
  return { createProjectOnWin, defaultCurrency, defaultCountry, winDealOnQuoteAccept };
}

export async function updateSettings(
  tx: OrgTransaction,
  input: SettingsUpdateInput,
): Promise<CrmSettingsView> {
  const existing = await tx.crmSettings.findFirst({ select: { orgId: true } });
  if (existing) await tx.crmSettings.update({ where: { orgId: existing.orgId }, data: input });
  else await tx.crmSettings.create({ data: input });
  return getSettings(tx);
}

/** The org's next quote number; the settings row lock serialises concurrent quotes of one org. */
export async function nextQuoteNumber(tx: OrgTransaction): Promise<number> {
  const [row] = await tx.$queryRaw<[{ n: number }]>`
    INSERT INTO crm.settings (last_quote_number, updated_at) VALUES (1, now())
    ON CONFLICT (org_id) DO UPDATE SET last_quote_number = crm.settings.last_quote_number + 1, updated_at = now()
    RETURNING last_quote_number AS n`;
  return row.n;
}
