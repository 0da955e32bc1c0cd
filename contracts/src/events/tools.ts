import { z } from 'zod';
import { defineEvent } from './event-definition';
import { entityId, timestamp } from './shared-scalars';

// The shared tool layer: a connection's health changes, and work other modules hand it to run later.

const health = z.enum(['connected', 'warning', 'error', 'not_connected']);

export const toolsConnectionHealthChanged = defineEvent({
  type: 'tools.connection.health_changed',
  version: 1,
  topic: 'tools.connection',
  key: 'connectionId',
  description:
    "A vendor connection's health changed (Connected, Warning, Error); entering Error pauses the runs that need it.",
  schema: z.object({
    connectionId: entityId,
    provider: z.string().min(1).describe('The vendor, e.g. `twilio`.'),
    health,
    previousHealth: health,
    reason: z.string().nullable().describe('A safe one-line reason; never a credential or a vendor body.'),
    changedAt: timestamp,
  }),
});

export const toolsRunRequested = defineEvent({
  type: 'tools.run.requested',
  version: 1,
  topic: 'tools.run',
  key: 'requestId',
  description:
    'Run a tool for the org in the background (a workflow step). The event id is the idempotency key; a run whose connection is in Error is paused, not lost.',
  schema: z.object({
    requestId: z.string().min(1).describe("The requester's id for this step, e.g. `workflow-run-12:step-3`."),
    tool: z.string().min(1).describe('A tool name: send_sms, send_email, charge_card, …'),
    input: z.record(z.string(), z.unknown()).describe("The tool's input, as its schema describes it."),
    requestedBy: z.string().min(1).describe('What asked for it (`workflow:<id>`, `crm`).'),
  }),
});

export const toolsEvents = [toolsConnectionHealthChanged, toolsRunRequested] as const;
