import type { OrgTransaction } from '@suite/db';
import type { BooksSettingsView } from './settings.schema';

const DEFAULTS = { autoActivateContracts: false, defaultGlAccountId: null, paymentTermsDays: 30 };

/** The org's Books settings, or the defaults until the first change. */
export async function getSettings(tx: OrgTransaction): Promise<BooksSettingsView> {
  const row = await tx.booksSettings.findFirst();
  if (!row) return DEFAULTS;
  const { autoActivateContracts, defaultGlAccountId, paymentTermsDays } = row;
  return { autoActivateContracts, defaultGlAccountId, paymentTermsDays };
}

/** Staff change what `booksSettingsUpdate` allows; the default GL account changes through `gl.setDefault`. */
export async function updateSettings(
  tx: OrgTransaction,
  input: Partial<BooksSettingsView>,
): Promise<BooksSettingsView> {
  await tx.$executeRaw`INSERT INTO "books"."settings" ("updated_at") VALUES (now()) ON CONFLICT ("org_id") DO NOTHING`;
  await tx.booksSettings.updateMany({ data: input });
  return getSettings(tx);
}

/**
 * The next number of a gapless per-org series, or the first of the next `count`. The settings row's lock
 * is held until the caller's transaction ends, so concurrent finalizations queue, and a rollback gives
 * the numbers back.
 */
export async function nextNumber(
  tx: OrgTransaction,
  series: 'invoice' | 'credit_note',
  count = 1,
): Promise<number> {
  const rows =
    series === 'invoice'
      ? await tx.$queryRaw<{ n: number }[]>`
          INSERT INTO "books"."settings" ("last_invoice_number", "updated_at") VALUES (${count}, now())
          ON CONFLICT ("org_id") DO UPDATE SET "last_invoice_number" = "settings"."last_invoice_number" + ${count}
          RETURNING "last_invoice_number" AS n`
      : await tx.$queryRaw<{ n: number }[]>`
          INSERT INTO "books"."settings" ("last_credit_note_number", "updated_at") VALUES (${count}, now())
          ON CONFLICT ("org_id") DO UPDATE SET "last_credit_note_number" = "settings"."last_credit_note_number" + ${count}
          RETURNING "last_credit_note_number" AS n`;
  return Number(rows[0]?.n) - count + 1;
}
