// What the console may import from the suite: router types only (`import type`).
export type { PlatformRouter } from './platform.router';
