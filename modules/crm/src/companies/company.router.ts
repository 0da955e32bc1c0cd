import { inTenant, router, staffProcedure } from '@suite/hub-auth';
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

export const companyRouter = router({
  list: read.input(companyListInput).output(z.array(companyView)).query(inTenant(listCompanies)),
  get: read.input(byCompanyId).output(companyDetailView).query(inTenant(getCompany)),
  create: write.input(companyCreateInput).output(companyView).mutation(inTenant(createCompany)),
  update: write.input(companyUpdateInput).output(companyView).mutation(inTenant(updateCompany)),
  /** Flow 1: the company becomes a PSA client (`crm.company.promoted`). */
  promote: staffProcedure
    .meta({ permission: 'crm.companies.promote' })
    .input(companyPromoteInput)
    .output(companyView)
    .mutation(inTenant(promoteCompany)),
});
