/** How the outbound webhooks behave in this process; the suite sets it from its configuration at start. */
export interface WebhookSettings {
  /** Production refuses http and private or loopback targets (SSRF). */
  readonly production: boolean;
  /** The seed's limit of endpoints per org. */
  readonly endpointsPerOrg: number;
}

let settings: WebhookSettings = { production: false, endpointsPerOrg: 5 };

export function configureWebhookEndpoints(next: Partial<WebhookSettings>): WebhookSettings {
  settings = { ...settings, ...next };
  return settings;
}

export const webhookSettings = (): WebhookSettings => settings;
