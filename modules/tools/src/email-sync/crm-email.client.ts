import { emailLog } from '@suite/contracts';
import type { IntegrationClients } from '@suite/hub-auth';
import type { AnyTRPCRouter } from '@trpc/server';
import type { EmailLogInput, EmailLogResult, EmailPageLogger } from './email-sync.schema';

/** The one CRM procedure the sync calls, typed by its contract (CRM's package depends on this one's API). */
interface CrmEmailApi {
  readonly email: { readonly log: { mutate(input: EmailLogInput): Promise<EmailLogResult> } };
}

/** CRM's `email.log` for one org, called as the tool layer: loopback in one process, CRM_API_URL otherwise. */
export function crmEmailLogger(integrations: IntegrationClients, orgId: string): EmailPageLogger {
  const crm = integrations.client<AnyTRPCRouter>('crm', { orgId, caller: 'tools' }) as unknown as CrmEmailApi;
  return async (page) => emailLog.output.parse(await crm.email.log.mutate(page));
}
