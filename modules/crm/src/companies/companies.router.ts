import { router, staffProcedure } from '@suite/hub-auth';
import { z } from 'zod';
import {
  byCompanyId,
  companyCreateInput,
  companyDetailView,
  companyListInput,
  companyPromoteInput,
  companyUpdateInput,
  companyView,
} from './company.schema';
import { createCompany, getCompany, listCompanies, updateCompany } from './company.service';
import { promoteCompany } from './company-promotion.service';

const read = staffProcedure.meta({ permission: 'crm.companies.read' });
const write = staffProcedure.meta({ permission: 'crm.companies.write' });

export const companiesRouter = router({
  list: read
    .input(companyListInput)
    .output(z.array(companyView))
    .query(({ ctx, input }) => ctx.tenant.transaction((tx) => listCompanies(tx, input))),
  get: read
    .input(byCompanyId)
    .output(companyDetailView)
    .query(({ ctx, input }) => ctx.tenant.transaction((tx) => getCompany(tx, input.companyId))),
  create: write
    .input(companyCreateInput)
    .output(companyView)
    .mutation(({ ctx, input }) => ctx.tenant.transaction((tx) => createCompany(tx, input))),
  update: write
    .input(companyUpdateInput)
    .output(companyView)
    .mutation(({ ctx, input }) => ctx.tenant.transaction((tx) => updateCompany(tx, input))),
  /** Flow 1: the company becomes a PSA client (`crm.company.promoted`). */
  promote: staffProcedure
    .meta({ permission: 'crm.companies.promote' })
    .input(companyPromoteInput)
    .output(companyView)
    .mutation(({ ctx, input }) => ctx.tenant.transaction((tx) => promoteCompany(tx, input, ctx.user.id))),
});
