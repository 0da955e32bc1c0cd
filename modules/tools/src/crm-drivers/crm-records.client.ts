import type {
  recordsCreate,
  recordsDelete,
  recordsFind,
  recordsGet,
  recordsListRecent,
  recordsSearch,
  recordsUpdate,
} from '@suite/contracts';
import type { IntegrationClients } from '@suite/hub-auth';
import type { AnyTRPCRouter } from '@trpc/server';
import type { z } from 'zod';
import { VendorError } from '../providers/vendor-error';

type Query<C extends { input: z.ZodType; output: z.ZodType }> = {
  query(input: z.input<C['input']>): Promise<z.infer<C['output']>>;
};
type Mutation<C extends { input: z.ZodType; output: z.ZodType }> = {
  mutate(input: z.input<C['input']>): Promise<z.infer<C['output']>>;
};

/** CRM's records procedures, typed by their contracts (CRM's package depends on this one's API). */
export interface CrmRecordsApi {
  readonly records: {
    readonly get: Query<typeof recordsGet>;
    readonly find: Query<typeof recordsFind>;
    readonly search: Query<typeof recordsSearch>;
    readonly listRecent: Query<typeof recordsListRecent>;
    readonly create: Mutation<typeof recordsCreate>;
    readonly update: Mutation<typeof recordsUpdate>;
    readonly delete: Mutation<typeof recordsDelete>;
  };
}

/** CRM's integration API for one org, called as the tool layer: loopback in one process, CRM_API_URL otherwise. */
export function crmRecordsClient(integrations: IntegrationClients, orgId: string): CrmRecordsApi {
  return integrations.client<AnyTRPCRouter>('crm', { orgId, caller: 'tools' }) as unknown as CrmRecordsApi;
}

/**
 * A CRM call whose refusal becomes a VendorError like any CRM driver's: CRM's own messages are safe to
 * pass on (they name the field); an unreachable CRM is unavailable.
 */
export async function crmCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    const data = (error as { data?: { httpStatus?: number; field?: string } }).data;
    const status = data?.httpStatus;
    const message = error instanceof Error ? error.message : String(error);
    if (status === 401 || status === 403)
      throw new VendorError('auth', `CRM refused the tool layer's integration key: ${message}`, { status });
    if (status !== undefined && status >= 400 && status < 500)
      throw new VendorError('rejected', message, { status, ...(data?.field && { field: data.field }) });
    throw new VendorError('unavailable', 'CRM could not be reached; try again shortly', {
      ...(status !== undefined && { status }),
    });
  }
}
