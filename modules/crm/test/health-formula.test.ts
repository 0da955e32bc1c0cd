import { describe, expect, it } from 'vitest';
import { computeHealth } from '../src/health/health-formula';

describe('health score formula', () => {
  it('is null without inputs', () => {
    expect(computeHealth({ csatScores: [], openTickets: null }).score).toBeNull();
  });

  it('maps the CSAT average linearly (1 → 0, 3 → 50, 5 → 100)', () => {
    expect(computeHealth({ csatScores: [1], openTickets: null }).score).toBe(0);
    expect(computeHealth({ csatScores: [3], openTickets: null }).score).toBe(50);
    expect(computeHealth({ csatScores: [5, 4], openTickets: null }).score).toBe(88);
  });

  it('takes 20 points off the ticket load per open ticket, floored at 0', () => {
    expect(computeHealth({ csatScores: [], openTickets: 2 }).score).toBe(60);
    expect(computeHealth({ csatScores: [], openTickets: 9 }).score).toBe(0);
  });

  it('weights CSAT 0.7 and ticket load 0.3 and explains each input', () => {
    const result = computeHealth({ csatScores: [5, 3], openTickets: 1 });
    expect(result.score).toBe(77);
    expect(result.inputs).toEqual([
      {
        name: 'csat',
        value: 75,
        weight: 0.7,
        detail: 'average 4.00 of 5 from 2 answer(s) in the last 90 days → 75 points',
      },
      {
        name: 'ticket_load',
        value: 80,
        weight: 0.3,
        detail: '1 open ticket(s), 20 points off each → 80 points',
      },
    ]);
  });
});
