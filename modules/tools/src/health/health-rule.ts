/**
 * Connection health from real call outcomes, with hysteresis (docs/decisions/0091-tools-runs.md):
 * - a credential the vendor refuses (auth) is Error at once: it will not fix itself;
 * - non-fatal failures (rate limit, vendor 5xx, timeouts) make Warning only from the second within
 *   BLIP_WINDOW of the previous one: one blip is not an outage;
 * - Warning resolves on a success once QUIET_PERIOD has passed since the last failure, not on the first;
 * - Error resolves only through a passing verify, which also resumes the paused runs;
 * - a vendor refusing the input (a bad phone number) says nothing about the connection;
 * - an inbound webhook refused for its signature counts like an outage: one stray request is a blip,
 *   repeated ones (a rotated secret not saved here) make Warning.
 */
export const HEALTH_RULE = { blipWindowMs: 5 * 60_000, warningAfter: 2, quietPeriodMs: 10 * 60_000 } as const;

export type Health = 'connected' | 'warning' | 'error' | 'not_connected';
export type CallOutcome =
  | 'success'
  | 'verified'
  | 'auth'
  | 'rate_limited'
  | 'unavailable'
  | 'rejected'
  | 'webhook_refused';

export interface HealthState {
  readonly health: Health;
  readonly failureStreak: number;
  readonly lastFailureAt: Date | null;
}

export function nextHealth(state: HealthState, outcome: CallOutcome, now: Date): HealthState {
  switch (outcome) {
    case 'verified':
      return { health: 'connected', failureStreak: 0, lastFailureAt: state.lastFailureAt };
    case 'auth':
      return { health: 'error', failureStreak: state.failureStreak + 1, lastFailureAt: now };
    case 'rejected':
      return state;
    case 'rate_limited':
    case 'unavailable':
    case 'webhook_refused': {
      const recent =
        state.lastFailureAt !== null &&
        now.getTime() - state.lastFailureAt.getTime() <= HEALTH_RULE.blipWindowMs;
      const failureStreak = recent ? state.failureStreak + 1 : 1;
      const health =
        state.health === 'connected' && failureStreak >= HEALTH_RULE.warningAfter ? 'warning' : state.health;
      return { health, failureStreak, lastFailureAt: now };
    }
    case 'success': {
      const quiet =
        state.lastFailureAt === null ||
        now.getTime() - state.lastFailureAt.getTime() >= HEALTH_RULE.quietPeriodMs;
      const health = state.health === 'warning' && quiet ? 'connected' : state.health;
      return { health, failureStreak: 0, lastFailureAt: state.lastFailureAt };
    }
  }
}
