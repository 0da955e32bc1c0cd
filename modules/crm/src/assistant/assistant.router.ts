import { inTenant, router, staffProcedure } from '@suite/hub-auth';
import {
  closingInput,
  closingView,
  companySummaryInput,
  companySummaryView,
  contactTimelineInput,
  contactTimelineView,
  crmSearchInput,
  crmSearchView,
  pipelineInput,
  pipelineView,
} from './assistant.schema';
import { dealsClosingThisMonth } from './closing-deals.service';
import { summarizeCompany } from './company-summary.service';
import { contactTimeline } from './contact-timeline.service';
import { searchCrm } from './crm-search.service';
import { summarizePipeline } from './pipeline-summary.service';

const companies = staffProcedure.meta({ permission: 'crm.companies.read' });
const deals = staffProcedure.meta({ permission: 'crm.deals.read' });

/** The AI assistant's read-only CRM queries (served to it over MCP), compact and paged. */
export const assistantRouter = router({
  search: companies.input(crmSearchInput).output(crmSearchView).query(inTenant(searchCrm)),
  companySummary: companies
    .input(companySummaryInput)
    .output(companySummaryView)
    .query(inTenant(summarizeCompany)),
  pipeline: deals.input(pipelineInput).output(pipelineView).query(inTenant(summarizePipeline)),
  closingThisMonth: deals
    .input(closingInput)
    .output(closingView)
    .query(inTenant((tx, input) => dealsClosingThisMonth(tx, input))),
  contactTimeline: companies
    .input(contactTimelineInput)
    .output(contactTimelineView)
    .query(inTenant(contactTimeline)),
});
