// What other modules may import from Voice: router types only (`import type`).
import type { voiceAppRouter } from './router';

export type VoiceAppRouter = typeof voiceAppRouter;
