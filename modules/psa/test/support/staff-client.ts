import { StaffBrowser } from '@suite/hub-auth/testing';

export interface TrpcAnswer<T = unknown> {
  readonly status: number;
  readonly data: T;
  readonly message: string | undefined;
}

/** A module's staff API over real HTTP with a signed-in browser's cookies, as its front end calls it. */
export class StaffClient {
  constructor(
    private readonly browser: StaffBrowser,
    private readonly module: 'psa' | 'crm' = 'psa',
  ) {}

  async query<T = unknown>(path: string, input?: unknown): Promise<TrpcAnswer<T>> {
    const query = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
    return this.answer<T>(await this.browser.request(`/${this.module}/trpc/${path}${query}`));
  }

  async mutate<T = unknown>(path: string, input: unknown): Promise<TrpcAnswer<T>> {
    const response = await this.browser.request(`/${this.module}/trpc/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(input),
    });
    return this.answer<T>(response);
  }

  /** Like `mutate`, but fails the test unless the call succeeded. */
  async ok<T = unknown>(path: string, input: unknown): Promise<T> {
    const answer = await this.mutate<T>(path, input);
    if (answer.status !== 200) throw new Error(`${path} answered ${answer.status}: ${answer.message}`);
    return answer.data;
  }

  private async answer<T>(response: Response): Promise<TrpcAnswer<T>> {
    const body = JSON.parse(await response.text()) as { result?: { data: T }; error?: { message?: string } };
    return { status: response.status, data: body.result?.data as T, message: body.error?.message };
  }
}

/** Signs in at the suite's Hub as the seeded user with this email; returns that user's client for `module`. */
export async function signedInStaff(suiteUrl: string, email: string, module: 'psa' | 'crm' = 'psa') {
  const browser = new StaffBrowser(suiteUrl);
  const response = await browser.signIn(email);
  if (response.status !== 303) throw new Error(`sign-in as ${email} failed: ${await response.text()}`);
  return new StaffClient(browser, module);
}
