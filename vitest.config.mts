import { defineConfig } from 'vitest/config';

// Two projects: `unit` (the engine, the CLI, fixtures; fast, parallel) and `site` (one production
// build per run, then assertions on its HTML and Chromium against it, one file at a time so
// that two cores are not shared by several browsers).
export default defineConfig({
  test: {
    // The JSON report gives .ci/run its totals.
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          setupFiles: ['tests/support/no-network.ts'],
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'site',
          include: ['tests/build/**/*.test.ts', 'tests/browser/**/*.test.ts'],
          setupFiles: ['tests/support/no-network.ts'],
          globalSetup: ['tests/support/site.ts'],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
