import { describe, expect, it } from 'vitest';
import { HEALTH_RULE, type HealthState, nextHealth } from '../src/health/health-rule';

const connected: HealthState = { health: 'connected', failureStreak: 0, lastFailureAt: null };
const at = (minutes: number) => new Date(Date.UTC(2026, 0, 1, 12, minutes));

describe('health with hysteresis', () => {
  it('one blip is not an outage; a second within the window is a Warning', () => {
    const blip = nextHealth(connected, 'unavailable', at(0));
    expect(blip.health).toBe('connected');
    expect(nextHealth(blip, 'rate_limited', at(4)).health).toBe('warning');
    expect(nextHealth(blip, 'rate_limited', at(6)).health).toBe('connected');
  });

  it('a Warning resolves after a quiet period, not on the first success', () => {
    const warning = nextHealth(nextHealth(connected, 'unavailable', at(0)), 'unavailable', at(1));
    expect(nextHealth(warning, 'success', at(2)).health).toBe('warning');
    const quiet = at(1 + HEALTH_RULE.quietPeriodMs / 60_000);
    expect(nextHealth(warning, 'success', quiet).health).toBe('connected');
  });

  it('a refused credential is Error at once, and only a passing verify clears it', () => {
    const error = nextHealth(connected, 'auth', at(0));
    expect(error.health).toBe('error');
    expect(nextHealth(error, 'success', at(30)).health).toBe('error');
    expect(nextHealth(error, 'unavailable', at(31)).health).toBe('error');
    expect(nextHealth(error, 'verified', at(32))).toMatchObject({ health: 'connected', failureStreak: 0 });
  });

  it('a vendor refusing the input says nothing about the connection', () => {
    const warning = nextHealth(nextHealth(connected, 'unavailable', at(0)), 'unavailable', at(1));
    expect(nextHealth(warning, 'rejected', at(2))).toEqual(warning);
    expect(nextHealth(connected, 'rejected', at(2))).toEqual(connected);
  });
});
