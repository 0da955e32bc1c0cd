import { invalid } from '@suite/contracts';
import { hubspotCrmDriver } from '../providers/hubspot/hubspot.crm-driver';
import type { CrmDriverDefinition } from './crm-driver';

/** Every provider that can be an org's CRM. Adding one is a driver next to its provider and a line here. */
export const CRM_DRIVERS = [hubspotCrmDriver] as readonly CrmDriverDefinition[];

export const CRM_PROVIDER_IDS = CRM_DRIVERS.map((driver) => driver.provider.id);

export function crmDriverOf(provider: string): CrmDriverDefinition {
  const driver = CRM_DRIVERS.find((candidate) => candidate.provider.id === provider);
  if (!driver)
    throw invalid(
      `provider: "${provider}" is not a CRM; expected one of ${CRM_PROVIDER_IDS.join(', ')}`,
      'provider',
    );
  return driver;
}
