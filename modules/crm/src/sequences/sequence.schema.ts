import { entityId, name, text, timestamp } from '@suite/contracts';
import { z } from 'zod';

export const sequenceCreateInput = z.object({
  name,
  steps: z
    .array(
      z.object({
        delayMinutes: z
          .number()
          .int()
          .min(0)
          .max(60 * 24 * 90)
          .describe('Minutes after the previous step (or the enrollment, for the first).'),
        subject: text(998, { min: 1 }),
        body: text(20_000, { min: 1 }).describe(
          'Merge fields: {{contact.name}}, {{contact.firstName}}, {{company.name}}, {{deal.name}}.',
        ),
      }),
    )
    .min(1)
    .max(20),
});
export type SequenceCreateInput = z.infer<typeof sequenceCreateInput>;

export const sequenceCreated = z.object({ sequenceId: z.string() });
export const enrollmentCreated = z.object({ enrollmentId: z.string() });
export const byEnrollmentId = z.object({ enrollmentId: entityId });
export type ByEnrollmentId = z.infer<typeof byEnrollmentId>;

export const enrollInput = z.object({
  sequenceId: entityId,
  contactId: entityId,
  mailbox: z.email('expected the connected Microsoft 365 mailbox to send from').max(320),
});
export type EnrollInput = z.infer<typeof enrollInput>;

/** What a tool call answered, as CRM reads it (contracts/src/integration/tools.integration.ts). */
export interface SendResult {
  readonly success: boolean;
  readonly error?: { readonly code: string; readonly message: string } | undefined;
}

/** Sends one email through the tool layer (`send_email`), under an idempotency key. */
export type StepSender = (request: {
  readonly to: string;
  readonly from: string;
  readonly subject: string;
  readonly text: string;
  readonly idempotencyKey: string;
}) => Promise<SendResult>;

export const unenrolled = z.object({ ended: z.boolean() });

export const enrollmentRestarted = z.object({
  enrollmentId: z.string(),
  /** How often staff started this enrollment over, this time included. */
  restarts: z.number().int(),
  nextDueAt: timestamp,
});
export type EnrollmentRestarted = z.infer<typeof enrollmentRestarted>;

export const enrollmentStatus = z.enum(['active', 'completed', 'replied', 'unenrolled', 'bounced']);

export const enrollmentListInput = z
  .object({
    sequenceId: entityId.optional(),
    contactId: entityId.optional(),
    status: enrollmentStatus.optional(),
  })
  .default({});
export type EnrollmentListInput = z.infer<typeof enrollmentListInput>;

export const enrollmentView = z.object({
  enrollmentId: z.string(),
  sequenceId: z.string(),
  sequenceName: z.string(),
  contactId: z.string(),
  contactName: z.string(),
  status: enrollmentStatus,
  /** The Hub user who enrolled the contact, and the mailbox the steps go out from. */
  enrolledBy: z.string(),
  mailbox: z.string(),
  stepsSent: z.number().int().describe('Of the current run: a restart sends from the first step again.'),
  restarts: z.number().int().describe('How often staff started it over after a bounce.'),
  nextDueAt: timestamp.nullable(),
  endedAt: timestamp.nullable(),
  enrolledAt: timestamp,
});
export type EnrollmentView = z.infer<typeof enrollmentView>;
