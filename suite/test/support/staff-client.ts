import type { ModuleName } from '@suite/contracts';
import { StaffBrowser } from '@suite/hub-auth/testing';

export interface TrpcAnswer<T = unknown> {
  readonly status: number;
  readonly data: T;
  readonly message: string | undefined;
  /** The whole body, as a client received it. */
  readonly body: string;
}

async function answer<T>(response: Response): Promise<TrpcAnswer<T>> {
  const body = await response.text();
  const parsed = JSON.parse(body) as { result?: { data?: T }; error?: { message?: string } };
  return { status: response.status, data: parsed.result?.data as T, message: parsed.error?.message, body };
}

const queryUrl = (path: string, input: unknown) =>
  input === undefined ? path : `${path}?input=${encodeURIComponent(JSON.stringify(input))}`;

/** A module's staff API over real HTTP with a signed-in browser's cookies, as its front end calls it. */
export class StaffClient {
  constructor(
    readonly browser: StaffBrowser,
    private readonly module: ModuleName,
  ) {}

  /** The same signed-in browser calling another module's staff API. */
  on(module: ModuleName): StaffClient {
    return new StaffClient(this.browser, module);
  }

  async query<T = unknown>(path: string, input?: unknown): Promise<TrpcAnswer<T>> {
    return answer<T>(await this.browser.request(queryUrl(`/${this.module}/trpc/${path}`, input)));
  }

  async mutate<T = unknown>(path: string, input: unknown): Promise<TrpcAnswer<T>> {
    const response = await this.browser.request(`/${this.module}/trpc/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(input),
    });
    return answer<T>(response);
  }

  /** Like `mutate` (or `query`), but fails the test unless the call succeeded. */
  async ok<T = unknown>(path: string, input: unknown, kind: 'query' | 'mutate' = 'mutate'): Promise<T> {
    const result = kind === 'query' ? await this.query<T>(path, input) : await this.mutate<T>(path, input);
    if (result.status !== 200) throw new Error(`${path} answered ${result.status}: ${result.message}`);
    return result.data;
  }
}

/** A module's integration API over HTTP with `X-Integration-Key` (`/<module>/integration/<path>`). */
export function integrationApi(module: ModuleName) {
  return {
    async query<T = unknown>(url: string, key: string | undefined, path: string, input: unknown) {
      const headers: Record<string, string> = key === undefined ? {} : { 'x-integration-key': key };
      return answer<T>(
        await fetch(`${url}${queryUrl(`/${module}/integration/${path}`, input)}`, { headers }),
      );
    },
    async mutate<T = unknown>(url: string, key: string, path: string, input: unknown) {
      return answer<T>(
        await fetch(`${url}/${module}/integration/${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-integration-key': key },
          body: JSON.stringify(input),
        }),
      );
    },
  };
}

/** Signs in at the suite's Hub as the seeded user with this email; returns that user's client for `module`. */
export async function signedInStaff(
  suiteUrl: string,
  email: string,
  module: ModuleName,
): Promise<StaffClient> {
  const browser = new StaffBrowser(suiteUrl);
  const response = await browser.signIn(email);
  if (response.status !== 303) throw new Error(`sign-in as ${email} failed: ${await response.text()}`);
  return new StaffClient(browser, module);
}
