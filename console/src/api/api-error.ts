/** What the person sees when a call fails: the server's own message and the id to quote. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly requestId: string | null,
  ) {
    super(message);
  }
}

interface TrpcErrorShape {
  message: string;
  data?: { httpStatus?: number; requestId?: string | null } | null;
}

export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  const shaped = error as TrpcErrorShape;
  if (shaped && typeof shaped.message === 'string' && shaped.data)
    return new ApiError(shaped.message, shaped.data.httpStatus ?? 500, shaped.data.requestId ?? null);
  return new ApiError(error instanceof Error ? error.message : String(error), 0, null);
}

/** A signed-out call anywhere sends the browser through Hub and back to the same page. */
export function signInAgain(): void {
  const here = `${location.pathname}${location.search}`;
  location.assign(`/auth/login?returnTo=${encodeURIComponent(here)}`);
}
