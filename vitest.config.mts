import { defineConfig } from 'vitest/config';

// Three projects: `plugin` (the citations package's engine, options and fixtures; fast,
// parallel), `unit` (the CLI and the engine on the essay's own bibliography and config) and
// `site` (one production build per run, then assertions on its HTML and Chromium against it, one
// file at a time so that two cores are not shared by several browsers).
export default defineConfig({
  test: {
    // The JSON report gives .ci/run its totals.
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
    projects: [
      // The citations package's own tests (its vitest.config.mts): project `plugin`.
      'packages/*',
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
