// What other modules may import from PSA: router types only (`import type`).
import type { psaAppRouter } from './router';

export type PsaAppRouter = typeof psaAppRouter;
