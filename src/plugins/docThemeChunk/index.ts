/**
 * Keeps the docs theme in one script. Docusaurus groups the code that pages share by which pages
 * share it, so a chapter's first visit fetched the theme in several chunks, each gzipped on its
 * own; once another page (/print) uses part of it, one more. One chunk for the theme's modules
 * saves a first visit to / about 0.8 KB of gzip JavaScript without our pages and 1.6 KB with
 * them; pages that use only part of the theme get the rest with it. Applied with the citation
 * features on and off alike, so that the page-weight test compares like with like.
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
