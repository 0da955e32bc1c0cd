import { ApiError } from '@suite/console/api-error';
import type { PortalClientRouter } from '@suite/portal/api';
import { createTRPCClient, httpLink } from '@trpc/client';

/** The client API of the portal this page came from, with its session cookie. */
export const api = createTRPCClient<PortalClientRouter>({
  links: [
    httpLink({
      url: '/portal/client',
      fetch: (input, init) => fetch(input, { ...init, credentials: 'same-origin' }),
    }),
  ],
});

/** The sign-in endpoints: plain JSON posts, so the cookie is set by the response itself. */
export async function post<T>(path: string, body: unknown): Promise<T> {
  const response = await fetch(path, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = (await response.json().catch(() => ({}))) as { message?: string; requestId?: string };
  if (!response.ok)
    throw new ApiError(
      json.message ?? `request failed (${response.status})`,
      response.status,
      json.requestId ?? null,
    );
  return json as T;
}
