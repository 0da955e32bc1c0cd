import { crmDealStage, crmLineItem, currency, entityId, hubUserId, money, timestamp } from '@suite/contracts';
import { z } from 'zod';

const nonNegativeMoney = money.refine((value) => !value.startsWith('-'), 'expected an amount of 0 or more');

export const dealCreateInput = z.object({
  companyId: entityId,
  name: z.string().trim().min(1),
  stage: crmDealStage.exclude(['won', 'lost']).default('lead'),
  value: nonNegativeMoney,
  recurringRevenue: nonNegativeMoney.default('0'),
  currency: currency.optional().describe("Defaults to the org's currency."),
  ownerId: hubUserId.optional().describe('A Hub user of the org; defaults to the signed-in user.'),
  createProject: z.boolean().nullish().describe('Open a PSA project when won; null follows the org setting.'),
  termMonths: z.number().int().positive().nullish(),
  lineItems: z.array(crmLineItem).default([]),
});

export const dealUpdateInput = z.object({
  dealId: entityId,
  name: z.string().trim().min(1).optional(),
  value: nonNegativeMoney.optional(),
  recurringRevenue: nonNegativeMoney.optional(),
  currency: currency.optional(),
  ownerId: hubUserId.optional(),
  createProject: z.boolean().nullish(),
  termMonths: z.number().int().positive().nullish(),
  lineItems: z.array(crmLineItem).optional().describe('Replaces every line item.'),
});

export const dealMoveInput = z.object({
  dealId: entityId,
  stage: crmDealStage.describe('Moving to won is the same as markWon.'),
});

export const dealWinInput = z.object({
  dealId: entityId,
  createProject: z.boolean().optional().describe("This deal's choice, overriding what it had."),
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
  wonAt: timestamp.nullable(),
  wonVia: z.string().nullable(),
  lostAt: timestamp.nullable(),
  lineItems: z.array(crmLineItem),
});
