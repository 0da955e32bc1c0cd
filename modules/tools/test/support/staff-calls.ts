import type { StaffBrowser } from '@suite/hub-auth/testing';

export interface TrpcAnswer<T = unknown> {
  readonly status: number;
  readonly data: T;
  readonly message: string | undefined;
  /** The whole response body as sent, for what it must never contain. */
  readonly raw: string;
}

async function answer<T>(response: Response): Promise<TrpcAnswer<T>> {
  const raw = await response.text();
  const body = JSON.parse(raw) as { result?: { data?: unknown }; error?: { message?: string } };
  return { status: response.status, data: body.result?.data as T, message: body.error?.message, raw };
}

/** The tool layer's staff procedures over HTTP with the browser's session (`/tools/trpc/<path>`). */
export const toolsStaff = {
  async query<T = unknown>(browser: StaffBrowser, path: string, input?: unknown): Promise<TrpcAnswer<T>> {
    const query = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
    return answer<T>(await browser.request(`/tools/trpc/${path}${query}`));
  },
  async mutate<T = unknown>(browser: StaffBrowser, path: string, input: unknown): Promise<TrpcAnswer<T>> {
    return answer<T>(
      await browser.request(`/tools/trpc/${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(input),
      }),
    );
  },
};

/** The integration procedure with `X-Integration-Key` (`/tools/integration/<path>`). */
export async function integrationMutate<T = unknown>(url: string, key: string, path: string, input: unknown) {
  return answer<T>(
    await fetch(`${url}/tools/integration/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-integration-key': key },
      body: JSON.stringify(input),
    }),
  );
}
