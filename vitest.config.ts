import { defineConfig } from 'vitest/config';

// Three lanes, chosen by file name (docs/decisions/0065-test-lanes-and-turbo.md):
// `*.process.test.ts` spawns child processes, `*.kafka.test.ts` needs a Kafka broker, `*.browser.test.ts`
// drives Chromium against the built console and portal, the rest is `unit`.
const PROCESS = '**/test/**/*.process.test.{ts,tsx}';
const BROWSER = '**/test/**/*.browser.test.{ts,tsx}';
const KAFKA = '**/test/**/*.kafka.test.{ts,tsx}';
const EXCLUDE = ['**/node_modules/**', '**/.data/**'];
const postgres = 'prisma/src/testing/global-setup.ts';
const kafka = 'bus/src/testing/kafka-global-setup.ts';
const consoleBuild = 'console/test/support/console-global-setup.ts';
const portalBuild = 'portal/test/support/portal-global-setup.ts';

export default defineConfig({
  test: {
    reporters: ['default', './scripts/summary.reporter.ts'],
    // Tests wait on PostgreSQL, Kafka and child processes far more than on the CPU.
    maxWorkers: 4,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          isolate: false,
          include: ['**/test/**/*.test.{ts,tsx}'],
          exclude: [...EXCLUDE, PROCESS, KAFKA, BROWSER],
          // The console's routes are served from its build, made here (vite's API, no child process).
          globalSetup: [postgres, consoleBuild, portalBuild],
          setupFiles: ['scripts/unit-lane.setup.ts'],
        },
      },
      {
        extends: true,
        test: { name: 'kafka', include: [KAFKA], exclude: EXCLUDE, globalSetup: [postgres, kafka] },
      },
      {
        extends: true,
        test: { name: 'process', include: [PROCESS], exclude: EXCLUDE, globalSetup: [postgres, kafka] },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: [BROWSER],
          exclude: EXCLUDE,
          globalSetup: [postgres, consoleBuild, portalBuild],
        },
      },
    ],
  },
});
