import { z } from 'zod';
import { isTraceparent } from './traceparent';

export const SPEC_VERSION = '1.0';
export const CONTENT_TYPE = 'application/json';

/** `dataschema` names the contract the data follows: event type and version. */
export function dataSchemaUri(type: string, version: number): string {
  return `urn:onestack:event:${type}:v${version}`;
}

export function versionOf(dataschema: string): number | undefined {
  const match = /:v(\d+)$/.exec(dataschema);
  return match ? Number(match[1]) : undefined;
}

/**
 * CloudEvents 1.0 context attributes of every bus event, with the extensions `orgid` (the tenant),
 * `traceparent` (W3C trace context) and `partitionkey` (the aggregate id; CloudEvents Partitioning).
 */
export const eventAttributesSchema = z.object({
  specversion: z.literal(SPEC_VERSION),
  id: z.uuid(),
  source: z.string().min(1),
  type: z.string().min(1),
  subject: z.string().min(1),
  time: z.iso.datetime({ offset: true }),
  datacontenttype: z.literal(CONTENT_TYPE),
  dataschema: z.string().regex(/:v\d+$/, 'expected a dataschema ending in :v<version>'),
  orgid: z.uuid(),
  traceparent: z.string().refine(isTraceparent, 'expected a W3C traceparent').optional(),
  partitionkey: z.string().min(1),
});

export type EventAttributes = z.infer<typeof eventAttributesSchema>;

/** A bus event in CloudEvents structured form: the attributes plus `data`. */
export interface EventEnvelope<TData = unknown> extends EventAttributes {
  readonly data: TData;
}
