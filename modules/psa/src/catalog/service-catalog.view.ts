import { formatMoney } from '@suite/contracts';
import type { Prisma } from '@suite/db';
import type { ServiceView } from './service-catalog.schema';

export function toServiceView(row: Prisma.PsaServiceGetPayload<object>): ServiceView {
  const { id, code, name, unitPrice, recurring, archivedAt } = row;
  return { id, code, name, unitPrice: formatMoney(unitPrice), recurring, archived: archivedAt !== null };
}
