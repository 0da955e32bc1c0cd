import { type DecimalLike, formatMoney } from '@suite/contracts';
import type { CompactDeal } from './assistant.schema';

/** Stages of deals still in the pipeline. */
export const OPEN_STAGES = ['lead', 'qualified', 'proposal', 'negotiation'] as const;

export function compactDeal(deal: {
  readonly id: string;
  readonly name: string;
  readonly stage: CompactDeal['stage'];
  readonly value: DecimalLike;
  readonly currency: string;
  readonly expectedCloseDate: Date | null;
}): CompactDeal {
  return {
    dealId: deal.id,
    name: deal.name,
    stage: deal.stage,
    value: formatMoney(deal.value),
    currency: deal.currency,
    expectedCloseDate: deal.expectedCloseDate?.toISOString().slice(0, 10) ?? null,
  };
}
