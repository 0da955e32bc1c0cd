import {
  count,
  crmDealStage,
  crmLineItem,
  currency,
  entityId,
  hubUserId,
  money,
  name,
  timestamp,
} from '@suite/contracts';
import { z } from 'zod';

const lineItems = z.array(crmLineItem).max(100);
const closeDate = z.iso.date().nullish().describe('When the deal is expected to close (YYYY-MM-DD).');

export const dealCreateInput = z.object({
  companyId: entityId,
  name,
  stage: crmDealStage.exclude(['won', 'lost']).default('lead'),
  value: money,
  recurringRevenue: money.default('0'),
  currency: currency.optional().describe("Defaults to the org's currency."),
  ownerId: hubUserId.optional().describe('A Hub user of the org; defaults to the signed-in user.'),
  createProject: z.boolean().nullish().describe('Open a PSA project when won; null follows the org setting.'),
  termMonths: count(600).nullish(),
  expectedCloseDate: closeDate,
  lineItems: lineItems.default([]),
});

export const dealUpdateInput = z.object({
  dealId: entityId,
  name: name.optional(),
  value: money.optional(),
  recurringRevenue: money.optional(),
  currency: currency.optional(),
  ownerId: hubUserId.optional(),
  createProject: z.boolean().nullish(),
  termMonths: count(600).nullish(),
  expectedCloseDate: closeDate,
  lineItems: lineItems.optional().describe('Replaces every line item.'),
});

/** What winning a deal may set, the same whether staff call `markWon` or `moveStage` to won. */
const winOptions = {
  createProject: z.boolean().optional().describe("This deal's choice, overriding what it had."),
};

export const dealWinInput = z.object({ dealId: entityId, ...winOptions });

export const dealMoveInput = z.object({
  dealId: entityId,
  stage: crmDealStage.describe('Moving to won is the same as markWon, with the same options.'),
  ...winOptions,
});

export const dealListInput = z
  .object({ companyId: entityId.optional(), stage: crmDealStage.optional() })
  .default({});

export const byDealId = z.object({ dealId: entityId });

export const dealView = z.object({
  dealId: entityId,
  companyId: entityId,
  name: z.string(),
  stage: crmDealStage,
  value: money,
  recurringRevenue: money,
  currency,
  owner: z.object({ userId: hubUserId, name: z.string().nullable(), active: z.boolean() }),
  createProject: z.boolean().nullable(),
  termMonths: z.number().int().nullable(),
  expectedCloseDate: z.iso.date().nullable(),
  wonAt: timestamp.nullable(),
  wonVia: z.string().nullable(),
  lostAt: timestamp.nullable(),
  lineItems: z.array(crmLineItem),
});

export type DealCreateInput = z.infer<typeof dealCreateInput>;
export type DealUpdateInput = z.infer<typeof dealUpdateInput>;
export type DealWinInput = z.infer<typeof dealWinInput>;
export type DealMoveInput = z.infer<typeof dealMoveInput>;
export type DealListInput = z.infer<typeof dealListInput>;
export type ByDealId = z.infer<typeof byDealId>;
export type DealView = z.infer<typeof dealView>;
