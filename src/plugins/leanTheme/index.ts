/**
 * How the Docusaurus theme reaches a reader's first visit, trimmed for page weight and blocking
 * time (issue #7). Both changes apply with the citation features on and off alike, so that the
 * page-weight test and the bench compare like with like.
 *
 * - **Prism only on pages with code.** theme-classic gives every page a client module that loads
 *   Prism and its languages (through `@theme/prism-include-languages`). Setting up Prism's grammars
 *   was the longest piece of script a first visit ran: about 0.3 s of main thread under
 *   Lighthouse's phone emulation, on pages without code. That module is replaced by an empty one;
 *   documents with code import src/components/CodeHighlight/highlighter instead (added by
 *   src/remark/codeHighlighter.ts), and src/theme/CodeBlock uses what it registers.
 * - **The docs theme in one chunk.** Docusaurus groups the code that pages share by which pages
 *   share it, so a chapter's first visit fetched the theme in several chunks, each compressed on
 *   its own; once /print used part of it, one more. One chunk for the theme's modules saves a
 *   first visit to / about 0.8 KB of gzip JavaScript without our pages and 1.6 KB with them;
 *   pages that use only part of the theme get the rest with it.
 */
import path from 'node:path';

import type { Plugin } from '@docusaurus/types';

const PRISM_CLIENT_MODULE =
  /[\\/]@docusaurus[\\/]theme-classic[\\/]lib[\\/]prism-include-languages\.js$/;
const NO_PRISM = path.join(__dirname, 'noPrism.js');

const DOCS_THEME =
  /[\\/]node_modules[\\/](@docusaurus[\\/](theme-classic|theme-common|plugin-content-docs)|@mdx-js[\\/]react)[\\/]/;

export default function leanThemePlugin(): Plugin {
  return {
    name: 'lean-theme',
    configureWebpack(_config, isServer, { currentBundler }) {
      return {
        plugins: [
          new currentBundler.instance.NormalModuleReplacementPlugin(PRISM_CLIENT_MODULE, NO_PRISM),
        ],
        ...(isServer
          ? {}
          : {
              optimization: {
                splitChunks: {
                  cacheGroups: {
                    docTheme: {
                      test: DOCS_THEME,
                      chunks: 'async',
                      name: 'doc-theme',
                      // Above Docusaurus's vendor group (-10), below "common" (40) and CSS (50).
                      priority: -5,
                      reuseExistingChunk: true,
                    },
                  },
                },
              },
            }),
      };
    },
  };
}
