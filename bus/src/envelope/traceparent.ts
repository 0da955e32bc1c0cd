import { randomFillSync } from 'node:crypto';

/** W3C Trace Context `traceparent`: version 00, trace id, parent span id, flags. */
const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

export interface Trace {
  readonly traceId: string;
  /** This unit of work's span, to pass on to whatever it calls or publishes. */
  readonly traceparent: string;
}

export function isTraceparent(value: string): boolean {
  const match = TRACEPARENT.exec(value);
  return match !== null && !/^0+$/.test(match[1] as string) && !/^0+$/.test(match[2] as string);
}

// Ids are cut from a pool refilled 4 KiB at a time: one call into the CSPRNG per ~170 spans, not two per
// event, which showed in the publisher's profile.
const pool = Buffer.alloc(4096);
let used = pool.length;

function randomHex(bytes: number): string {
  if (used + bytes > pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  used += bytes;
  return pool.toString('hex', used - bytes, used);
}

/** A new span in the trace of `parent`, or the root span of a new trace when there is none. */
export function childTrace(parent?: string): Trace {
  const match = parent === undefined ? null : TRACEPARENT.exec(parent);
  const traceId = match?.[1] ?? randomHex(16);
  const flags = match?.[3] ?? '01';
  return { traceId, traceparent: `00-${traceId}-${randomHex(8)}-${flags}` };
}
