import { docusignWebhook } from '../providers/docusign/docusign.webhook';
import { dropboxSignWebhook } from '../providers/dropbox-sign/dropbox-sign.webhook';
import { metaWebhook } from '../providers/meta/meta.webhook';
import { resendWebhook } from '../providers/resend/resend.webhook';
import { stripeWebhook } from '../providers/stripe/stripe.webhook';
import { twilioWebhook } from '../providers/twilio/twilio.webhook';
import type { InboundWebhook } from './inbound-webhook';

/** The vendors whose webhooks the suite verifies. Adding one is a `<vendor>.webhook.ts` and a line here. */
export const INBOUND_WEBHOOKS: readonly InboundWebhook[] = [
  stripeWebhook,
  twilioWebhook,
  metaWebhook,
  dropboxSignWebhook,
  docusignWebhook,
  resendWebhook,
];

export function inboundWebhookFor(provider: string): InboundWebhook | undefined {
  return INBOUND_WEBHOOKS.find((webhook) => webhook.provider === provider);
}
