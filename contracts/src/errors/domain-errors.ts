/**
 * Errors of the domain, thrown by services wherever they run: a tRPC procedure, a bus handler or a job.
 * Transports map them (hub-auth's tRPC layer to HTTP and tRPC codes); the bus and the scheduler record
 * them as they are. Messages say what was wrong and what to do, and never carry internals.
 */
export type DomainErrorKind = 'not_found' | 'conflict' | 'invalid' | 'forbidden' | 'unavailable';

export class DomainError extends Error {
  override readonly name = 'DomainError';
  constructor(
    readonly kind: DomainErrorKind,
    message: string,
    /** The input field at fault, as a dotted path (`lineItems.0.quantity`), when there is one. */
    readonly field?: string,
  ) {
    super(message);
  }
}

/** The record does not exist in the caller's org (another org's row looks exactly the same). */
export function notFound(what: string): DomainError {
  return new DomainError('not_found', `${what} not found`);
}

/** The request is valid but the record is not in a state that allows it. */
export function conflict(message: string): DomainError {
  return new DomainError('conflict', message);
}

/** The input parsed but cannot be acted on; `field` names the offending input when there is one. */
export function invalid(message: string, field?: string): DomainError {
  return new DomainError('invalid', message, field);
}

/** The caller may not do this, whoever they are signed in as. */
export function forbidden(message: string): DomainError {
  return new DomainError('forbidden', message);
}

/** Another product this one depends on could not do its part; nothing was changed here. */
export function unavailable(message: string): DomainError {
  return new DomainError('unavailable', message);
}

/** A row read through a tenant-scoped client, or not found: the same answer for another org's row. */
export function found<T>(row: T | null | undefined, what: string): T {
  if (row === null || row === undefined) throw notFound(what);
  return row;
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
