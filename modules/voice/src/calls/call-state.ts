import type { voiceCallOutcome } from '@suite/contracts';
import type { z } from 'zod';

/** How far along a call is; any final status outranks every live one, and final is final. */
const RANK = {
  initiated: 0,
  ringing: 1,
  answered: 2,
  completed: 3,
  busy: 3,
  no_answer: 3,
  failed: 3,
  canceled: 3,
} as const;

export type CallStatus = keyof typeof RANK;
export type CallOutcome = z.infer<typeof voiceCallOutcome>;

/** Whether `next` moves a call at `current` forward: a late or repeated callback never moves it back. */
export function advances(current: CallStatus, next: CallStatus): boolean {
  return RANK[next] > RANK[current];
}

export function isFinal(status: CallStatus): status is CallOutcome {
  return RANK[status] === 3;
}
