// What other modules may import from PSA: types only (ARCHITECTURE, rule 1).
export type { PsaRouter } from './router';
