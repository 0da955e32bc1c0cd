import { type DomainErrorKind, isDomainError } from '@suite/contracts';
import { ZodError } from 'zod';

const STATUS: Record<DomainErrorKind, number> = {
  not_found: 404,
  conflict: 409,
  invalid: 400,
  forbidden: 403,
  unavailable: 502,
};

/** A route's domain error or input error as the status and body fields a client sees; other errors are none. */
export function clientErrorOf(
  error: unknown,
): { status: number; code: string; message: string; field?: string } | undefined {
  if (isDomainError(error))
    return {
      status: STATUS[error.kind],
      code: error.kind.toUpperCase(),
      message: error.message,
      ...(error.field && { field: error.field }),
    };
  if (error instanceof ZodError) {
    const issue = error.issues[0];
    const field = issue?.path.join('.') || undefined;
    const message = issue?.message ?? 'invalid input';
    return {
      status: 400,
      code: 'BAD_REQUEST',
      message: field && !message.startsWith(`${field}:`) ? `${field}: ${message}` : message,
      ...(field && { field }),
    };
  }
  return undefined;
}
