import { type crmLineItem, type DecimalLike, formatMoney } from '@suite/contracts';
import type { z } from 'zod';
import type { OwnerView } from '../owners/deal-owner.service';
import type { DealView } from './deal.schema';

export interface DealRow {
  readonly id: string;
  readonly companyId: string;
  readonly name: string;
  readonly stage: DealView['stage'];
  readonly value: DecimalLike;
  readonly recurringRevenue: DecimalLike;
  readonly currency: string;
  readonly ownerId: string;
  readonly createProject: boolean | null;
  readonly termMonths: number | null;
  readonly expectedCloseDate: Date | null;
  readonly wonAt: Date | null;
  readonly wonVia: string | null;
  readonly lostAt: Date | null;
}

export interface LineItemRow {
  readonly serviceCode: string;
  readonly description: string;
  readonly quantity: DecimalLike;
  readonly unitPrice: DecimalLike;
  readonly recurring: boolean;
  readonly kind: string;
}

export function lineItemView(line: LineItemRow): z.infer<typeof crmLineItem> {
  return {
    serviceCode: line.serviceCode,
    description: line.description,
    quantity: Number(line.quantity),
    unitPrice: formatMoney(line.unitPrice),
    recurring: line.recurring,
    ...(line.kind === 'discount' && { kind: 'discount' as const }),
  };
}

/** A deal as staff see it: money as decimal strings, the owner from the Hub directory. */
export function dealView(
  deal: DealRow,
  owner: OwnerView | undefined,
  lineItems: readonly LineItemRow[] = [],
): DealView {
  return {
    dealId: deal.id,
    companyId: deal.companyId,
    name: deal.name,
    stage: deal.stage,
    value: formatMoney(deal.value),
    recurringRevenue: formatMoney(deal.recurringRevenue),
    currency: deal.currency,
    owner: owner ?? { userId: deal.ownerId, name: null, active: false },
    createProject: deal.createProject,
    termMonths: deal.termMonths,
    expectedCloseDate: deal.expectedCloseDate?.toISOString().slice(0, 10) ?? null,
    wonAt: deal.wonAt?.toISOString() ?? null,
    wonVia: deal.wonVia,
    lostAt: deal.lostAt?.toISOString() ?? null,
    lineItems: lineItems.map(lineItemView),
  };
}
