import path from 'node:path';

import { defineConfig } from 'vitest/config';

const at = (p: string) => path.resolve(import.meta.dirname, p);

// The package's tests: the engine, the options, the remark plugin and the fixtures (fast,
// parallel). The fixtures render documents with the plugin's theme components, as a site does:
// `@theme/…` is the plugin's theme, and the few Docusaurus client APIs those components use
// have stand-ins. (tsconfig's `jsx: preserve` is for Docusaurus's bundler; here TSX is compiled
// to React's automatic runtime.)
export default defineConfig({
  oxc: { jsx: { runtime: 'automatic' } },
  resolve: {
    alias: [
      { find: '@theme/MDXComponents/A', replacement: at('tests/support/docusaurus/MDXA.tsx') },
      { find: /^@theme\/(.*)$/, replacement: at('src/theme/$1') },
      { find: '@docusaurus/Link', replacement: at('tests/support/docusaurus/Link.tsx') },
      { find: '@docusaurus/useBaseUrl', replacement: at('tests/support/docusaurus/useBaseUrl.ts') },
      {
        find: '@docusaurus/useBrokenLinks',
        replacement: at('tests/support/docusaurus/useBrokenLinks.ts'),
      },
    ],
  },
  test: {
    name: 'plugin',
    include: ['tests/unit/**/*.test.ts'],
    setupFiles: ['tests/support/no-network.ts'],
    testTimeout: 30_000,
  },
});
