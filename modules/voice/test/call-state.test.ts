import { describe, expect, it } from 'vitest';
import { advances, type CallStatus, isFinal } from '../src/calls/call-state';

const LIVE: CallStatus[] = ['initiated', 'ringing', 'answered'];
const FINAL: CallStatus[] = ['completed', 'busy', 'no_answer', 'failed', 'canceled'];

describe('a call moves forward only', () => {
  it('goes initiated → ringing → answered → a final status', () => {
    expect(advances('initiated', 'ringing')).toBe(true);
    expect(advances('ringing', 'answered')).toBe(true);
    for (const final of FINAL) expect(advances('answered', final)).toBe(true);
  });

  it('never moves back or repeats: a late answered after completed, a duplicate ringing', () => {
    expect(advances('completed', 'answered')).toBe(false);
    expect(advances('ringing', 'ringing')).toBe(false);
    expect(advances('answered', 'initiated')).toBe(false);
  });

  it('is final once final: no final status replaces another', () => {
    for (const from of FINAL) for (const to of [...LIVE, ...FINAL]) expect(advances(from, to)).toBe(false);
    expect(FINAL.every(isFinal)).toBe(true);
    expect(LIVE.some(isFinal)).toBe(false);
  });
});
