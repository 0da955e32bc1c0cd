import type { StaffBrowser } from '@suite/hub-auth/testing';

export interface TrpcAnswer<T = unknown> {
  readonly status: number;
  readonly data: T;
  readonly message: string | undefined;
}

interface TrpcBody {
  result?: { data?: unknown };
  error?: { message?: string };
}

async function answer<T>(response: Response): Promise<TrpcAnswer<T>> {
  const body = (await response.json()) as TrpcBody;
  return { status: response.status, data: body.result?.data as T, message: body.error?.message };
}

const queryUrl = (path: string, input: unknown) =>
  input === undefined ? path : `${path}?input=${encodeURIComponent(JSON.stringify(input))}`;

/** Staff tRPC calls over HTTP with the browser's session cookie (`/<module>/trpc/<path>`). */
function staffApi(module: 'crm' | 'psa') {
  return {
    async query<T = unknown>(browser: StaffBrowser, path: string, input?: unknown): Promise<TrpcAnswer<T>> {
      return answer<T>(await browser.request(queryUrl(`/${module}/trpc/${path}`, input)));
    },
    async mutate<T = unknown>(browser: StaffBrowser, path: string, input: unknown): Promise<TrpcAnswer<T>> {
      return answer<T>(
        await browser.request(`/${module}/trpc/${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(input),
        }),
      );
    },
  };
}

export const staff = staffApi('crm');
export const psaStaff = staffApi('psa');

/** An integration tRPC call over HTTP with `X-Integration-Key` (`/crm/integration/<path>`). */
export const integration = {
  async query<T = unknown>(url: string, key: string | undefined, path: string, input: unknown) {
    const headers: Record<string, string> = key === undefined ? {} : { 'x-integration-key': key };
    return answer<T>(await fetch(`${url}${queryUrl(`/crm/integration/${path}`, input)}`, { headers }));
  },
  async mutate<T = unknown>(url: string, key: string, path: string, input: unknown) {
    return answer<T>(
      await fetch(`${url}/crm/integration/${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-integration-key': key },
        body: JSON.stringify(input),
      }),
    );
  },
};
