// What other modules may import from PSA: router types only (`import type`).
import type { psaIntegrationRouter } from './integration';
import type { psaAppRouter } from './router';

export type PsaAppRouter = typeof psaAppRouter;
export type PsaIntegrationRouter = typeof psaIntegrationRouter;
