// What the Kafka global setup hands every test file through vitest's `inject`.
// The import makes TypeScript resolve vitest even in programs (bench) that never import it themselves.
import type {} from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Comma-separated brokers, or '' when no broker could be reached (see `kafkaProblem`). */
    kafkaBrokers: string;
    kafkaProblem: string;
  }
}
