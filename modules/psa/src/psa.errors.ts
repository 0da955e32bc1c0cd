import { TRPCError } from '@trpc/server';

/** The request is valid but the record is not in a state that allows it (409). */
export function conflict(message: string): TRPCError {
  return new TRPCError({ code: 'CONFLICT', message });
}

/** The input parsed but asks for nothing (400), e.g. an amendment that changes no field. */
export function badRequest(message: string): TRPCError {
  return new TRPCError({ code: 'BAD_REQUEST', message });
}
