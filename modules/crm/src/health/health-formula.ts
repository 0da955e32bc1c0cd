/**
 * Company health score (flow 10), 0-100, from what PSA reports:
 *
 * - CSAT (weight 0.7): the average of the survey scores (1-5) submitted in the last 90 days, mapped
 *   linearly to points: 1 → 0, 3 → 50, 5 → 100.
 * - Ticket load (weight 0.3): 100 points minus 20 per open ticket (not closed), never below 0; only
 *   once PSA has reported any ticket of the company.
 *
 * The score is the weighted average of the inputs that have a value (weights renormalised), rounded;
 * null while neither has one. It is recomputed whenever a CSAT answer or a ticket event arrives.
 */
export const HEALTH_FORMULA =
  'round(weighted average of the inputs that have a value): CSAT = (average 1-5 score of the last 90 days - 1) / 4 * 100, ' +
  'weight 0.7; ticket load = max(0, 100 - 20 * open tickets), weight 0.3, once any ticket is known. Null without inputs.';

export const CSAT_WINDOW_DAYS = 90;
const CSAT_WEIGHT = 0.7;
const TICKET_WEIGHT = 0.3;
const POINTS_PER_OPEN_TICKET = 20;

export interface HealthFacts {
  /** Scores (1-5) submitted within the window. */
  readonly csatScores: readonly number[];
  /** Null when PSA never reported a ticket of the company. */
  readonly openTickets: number | null;
}

export interface HealthInput {
  readonly name: string;
  readonly value: number | null;
  readonly weight: number;
  readonly detail: string;
}

export interface HealthResult {
  readonly score: number | null;
  readonly inputs: HealthInput[];
}

const round1 = (value: number) => Math.round(value * 10) / 10;

function csatInput(scores: readonly number[]): HealthInput {
  if (scores.length === 0)
    return {
      name: 'csat',
      value: null,
      weight: CSAT_WEIGHT,
      detail: `no CSAT answers in the last ${CSAT_WINDOW_DAYS} days`,
    };
  const average = scores.reduce((total, score) => total + score, 0) / scores.length;
  const points = round1(((average - 1) / 4) * 100);
  return {
    name: 'csat',
    value: points,
    weight: CSAT_WEIGHT,
    detail: `average ${average.toFixed(2)} of 5 from ${scores.length} answer(s) in the last ${CSAT_WINDOW_DAYS} days → ${points} points`,
  };
}

function ticketInput(openTickets: number | null): HealthInput {
  if (openTickets === null)
    return {
      name: 'ticket_load',
      value: null,
      weight: TICKET_WEIGHT,
      detail: 'no tickets reported by PSA yet',
    };
  const points = Math.max(0, 100 - POINTS_PER_OPEN_TICKET * openTickets);
  return {
    name: 'ticket_load',
    value: points,
    weight: TICKET_WEIGHT,
    detail: `${openTickets} open ticket(s), ${POINTS_PER_OPEN_TICKET} points off each → ${points} points`,
  };
}

export function computeHealth(facts: HealthFacts): HealthResult {
  const inputs = [csatInput(facts.csatScores), ticketInput(facts.openTickets)];
  const known = inputs.filter((input) => input.value !== null);
  const weight = known.reduce((total, input) => total + input.weight, 0);
  const score =
    known.length === 0
      ? null
      : Math.round(known.reduce((total, input) => total + (input.value ?? 0) * input.weight, 0) / weight);
  return { score, inputs };
}
