import { z } from 'zod';
import { defineEvent } from './event-definition';
import { timestamp } from './shared-scalars';

// The suite itself, across modules. A person's erasure tells consumers and sister products to erase
// too; it names the person only by a hash, so the event log never holds who was forgotten.

export const platformPersonErased = defineEvent({
  type: 'platform.person.erased',
  version: 1,
  topic: 'platform.person',
  key: 'subjectHash',
  description:
    "A person was erased from the org's suite (right to erasure): erase what you hold about them. Match by hashing your own copy of the identifier the same way.",
  schema: z.object({
    orgId: z.uuid().describe('The org the person was erased from.'),
    subjectHash: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .describe(
        'SHA-256 (hex) of `<org id>:<identifier>`, one per identifier in `identifierHashes`; this is the first.',
      ),
    identifierHashes: z
      .array(
        z.object({
          kind: z.enum(['email', 'phone']),
          hash: z
            .string()
            .regex(/^[0-9a-f]{64}$/)
            .describe('SHA-256 (hex) of `<org id>:<lower-cased email>` or `<org id>:<E.164 number>`.'),
        }),
      )
      .min(1)
      .max(2),
    erasedAt: timestamp,
  }),
});

export const platformEvents = [platformPersonErased] as const;
