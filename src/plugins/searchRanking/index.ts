/**
 * The offline search's suggestions, ranked for an essay: under each page's title, the passages
 * that match come before the page's description. @easyops-cn/docusaurus-search-local (0.55.3)
 * has no option for this: its worker lists what matches on a page by the kind of index that
 * found it (title, headings, description, keywords, text), so a chapter's one-sentence summary
 * came before the paragraph the reader was looking for. Its sorting module is replaced by
 * ./sortSearchResults.js, which keeps its grouping by page and changes only that order.
 * tests/browser/long-read.test.ts checks the result, so an upgrade that moves the module fails
 * there rather than silently.
 */
import path from 'node:path';

import type { Plugin } from '@docusaurus/types';

const SORT_MODULE =
  /[\\/]@easyops-cn[\\/]docusaurus-search-local[\\/]dist[\\/]client[\\/]client[\\/]utils[\\/]sortSearchResults\.js$/;
const OUR_SORT = path.join(__dirname, 'sortSearchResults.js');

export default function searchRankingPlugin(): Plugin {
  return {
    name: 'search-ranking',
    configureWebpack(_config, _isServer, { currentBundler }) {
      return {
        plugins: [new currentBundler.instance.NormalModuleReplacementPlugin(SORT_MODULE, OUR_SORT)],
      };
    },
  };
}
