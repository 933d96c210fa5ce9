/**
 * Keeps the docs theme in one script. Docusaurus splits code shared by several pages by which
 * pages share it; once another page (here /print) uses part of the docs theme, a chapter's first
 * visit fetches that theme in two chunks, each gzipped on its own, plus the route chunks of the
 * docs layout. One chunk for the theme's modules costs a first visit about 1.5 KB less (see
 * tests/browser/page-weight.test.ts), and the pages that use only part of it get the rest with it.
 */
import type { Plugin } from '@docusaurus/types';

const DOCS_THEME =
  /[\\/]node_modules[\\/](@docusaurus[\\/](theme-classic|theme-common|plugin-content-docs)|@mdx-js[\\/]react)[\\/]/;

export default function docThemeChunkPlugin(): Plugin {
  return {
    name: 'doc-theme-chunk',
    configureWebpack(_config, isServer) {
      if (isServer) return {};
      return {
        optimization: {
          splitChunks: {
            cacheGroups: {
              docTheme: {
                test: DOCS_THEME,
                chunks: 'async',
                name: 'doc-theme',
                // Above Docusaurus's vendor group (-10), below its "common" (40) and CSS (50).
                priority: -5,
                reuseExistingChunk: true,
              },
            },
          },
        },
      };
    },
  };
}
