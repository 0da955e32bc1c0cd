import { crmFlowsContract } from './support/crm-flows.contract';

crmFlowsContract('postgres');
