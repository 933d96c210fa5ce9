import path from 'node:path';

import { defineConfig } from 'vitest/config';

const at = (p: string) => path.resolve(import.meta.dirname, p);

// Two projects: `unit` (the engine, the CLI, fixtures; fast, parallel) and `site` (one production
// build per run, then assertions on its HTML and Chromium against it, one file at a time so
// that two cores are not shared by several browsers).
export default defineConfig({
  test: {
    // The JSON report gives .ci/run its totals.
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
    projects: [
      {
        // The fixtures render documents with the plugin's theme components, as a site does:
        // `@theme/…` is the plugin's theme, and the few Docusaurus client APIs those components
        // use have stand-ins. (tsconfig's `jsx: preserve` is for Docusaurus's bundler; here
        // TSX is compiled to React's automatic runtime.)
        oxc: { jsx: { runtime: 'automatic' } },
        resolve: {
          alias: [
            {
              find: '@theme/MDXComponents/A',
              replacement: at('tests/support/docusaurus/MDXA.tsx'),
            },
            { find: /^@theme\/(.*)$/, replacement: at('src/theme-citations/$1') },
            { find: '@docusaurus/Link', replacement: at('tests/support/docusaurus/Link.tsx') },
            {
              find: '@docusaurus/useBaseUrl',
              replacement: at('tests/support/docusaurus/useBaseUrl.ts'),
            },
            {
              find: '@docusaurus/useBrokenLinks',
              replacement: at('tests/support/docusaurus/useBrokenLinks.ts'),
            },
          ],
        },
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
