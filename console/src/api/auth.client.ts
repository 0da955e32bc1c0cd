import type { DirectoryUser, StaffOrg, WaffleMenu } from '@suite/hub-auth';
import { ApiError } from './api-error';

/** `GET /auth/session`. */
export interface Session {
  readonly user: DirectoryUser;
  readonly org: StaffOrg | null;
  readonly orgs: readonly StaffOrg[];
  readonly permissions: readonly string[];
}

async function json<T>(path: string, init: RequestInit = {}): Promise<T> {
  const requestId = crypto.randomUUID();
  const headers = new Headers(init.headers);
  headers.set('x-request-id', requestId);
  const response = await fetch(path, { ...init, headers, credentials: 'same-origin' });
  const body = (await response.json().catch(() => ({}))) as { message?: string };
  if (!response.ok)
    throw new ApiError(body.message ?? `${path} answered ${response.status}`, response.status, requestId);
  return body as T;
}

export const auth = {
  session: () => json<Session>('/auth/session'),
  waffle: () => json<WaffleMenu>('/hub/waffle'),
  switchOrg: (orgId: string) =>
    json<Session>('/auth/org', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ orgId }),
    }),
};
