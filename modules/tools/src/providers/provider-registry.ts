import { invalid } from '@suite/contracts';
import type { CapabilityName } from '../tools/tool-catalog';
import { docusignProvider } from './docusign/docusign.provider';
import { dropboxSignProvider } from './dropbox-sign/dropbox-sign.provider';
import { genericRestProvider } from './generic-rest/generic-rest.provider';
import { googleBusinessProvider } from './google-business/google-business.provider';
import { googleMapsProvider } from './google-maps/google-maps.provider';
import { hubspotProvider } from './hubspot/hubspot.provider';
import { mailgunProvider } from './mailgun/mailgun.provider';
import { mapboxProvider } from './mapbox/mapbox.provider';
import { metaProvider } from './meta/meta.provider';
import { microsoft365Provider } from './microsoft365/microsoft365.provider';
import type { ProviderDefinition } from './provider-definition';
import { resendProvider } from './resend/resend.provider';
import { salesforceProvider } from './salesforce/salesforce.provider';
import { sendgridProvider } from './sendgrid/sendgrid.provider';
import { squareProvider } from './square/square.provider';
import { stripeProvider } from './stripe/stripe.provider';
import { twilioProvider } from './twilio/twilio.provider';
import { youtubeProvider } from './youtube/youtube.provider';

/** Every vendor the tool layer speaks to. Adding one is a folder under providers/ and a line here. */
export const PROVIDERS = [
  twilioProvider,
  sendgridProvider,
  mailgunProvider,
  resendProvider,
  stripeProvider,
  squareProvider,
  metaProvider,
  youtubeProvider,
  googleBusinessProvider,
  dropboxSignProvider,
  docusignProvider,
  googleMapsProvider,
  mapboxProvider,
  microsoft365Provider,
  hubspotProvider,
  salesforceProvider,
  genericRestProvider,
] as readonly ProviderDefinition[];

export const PROVIDER_IDS = PROVIDERS.map((provider) => provider.id);

export function providerById(id: string): ProviderDefinition {
  const provider = PROVIDERS.find((candidate) => candidate.id === id);
  if (!provider)
    throw invalid(`unknown vendor "${id}"; expected one of ${PROVIDER_IDS.join(', ')}`, 'provider');
  return provider;
}

/** Whether a vendor runs the tool or serves the media. */
export function offers(provider: ProviderDefinition, capability: CapabilityName): boolean {
  const offered: Record<string, unknown> = { ...provider.tools, ...provider.media };
  return offered[capability] !== undefined;
}

export function providersFor(capability: CapabilityName): ProviderDefinition[] {
  return PROVIDERS.filter((provider) => offers(provider, capability));
}
