/** Type-only surface other modules may import. */
export type {} from './index';
