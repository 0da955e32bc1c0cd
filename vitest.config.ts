import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/test/**/*.test.{ts,tsx}'],
    exclude: ['**/node_modules/**', '**/.data/**'],
    reporters: ['default', './scripts/summary.reporter.ts'],
    globalSetup: [
      'prisma/src/testing/global-setup.ts',
      'bus/src/testing/kafka-global-setup.ts',
      'console/test/support/console-global-setup.ts',
    ],
    // Tests wait on PostgreSQL, Kafka and child processes far more than on the CPU.
    maxWorkers: 4,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
