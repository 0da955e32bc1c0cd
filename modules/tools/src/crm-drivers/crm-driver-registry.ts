import { invalid } from '@suite/contracts';
import { genericRestCrmDriver } from '../providers/generic-rest/generic-rest.crm-driver';
import { hubspotCrmDriver } from '../providers/hubspot/hubspot.crm-driver';
import { salesforceCrmDriver } from '../providers/salesforce/salesforce.crm-driver';
import type { CrmDriverDefinition } from './crm-driver';
import { SUITE_CRM } from './suite-crm.crm-driver';

/** Every vendor that can be an org's CRM. Adding one is a driver next to its provider and a line here. */
export const VENDOR_CRM_DRIVERS = [
  hubspotCrmDriver,
  salesforceCrmDriver,
  genericRestCrmDriver,
] as readonly CrmDriverDefinition[];

/** Our own CRM first: an org without a vendor CRM connected uses it. */
export const CRM_PROVIDER_IDS = [SUITE_CRM.id, ...VENDOR_CRM_DRIVERS.map((driver) => driver.provider.id)];

function notACrm(provider: string): never {
  throw invalid(
    `provider: "${provider}" is not a CRM; expected one of ${CRM_PROVIDER_IDS.join(', ')}`,
    'provider',
  );
}

export function vendorCrmDriverOf(provider: string): CrmDriverDefinition {
  return VENDOR_CRM_DRIVERS.find((candidate) => candidate.provider.id === provider) ?? notACrm(provider);
}

/** The CRM's built-in field names by canonical key: what an org without overrides gets. */
export function crmDefaultsOf(provider: string): Readonly<Record<string, string>> {
  return provider === SUITE_CRM.id ? SUITE_CRM.defaults : vendorCrmDriverOf(provider).defaults;
}
