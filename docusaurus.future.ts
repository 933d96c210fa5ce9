/**
 * The `future` settings of every Docusaurus site in this repository: the essay
 * (docusaurus.config.ts), the tests' second site (tests/sites/second) and the bench's site
 * (bench/synthetic.ts). Everything `faster: true` turns on except Rspack's persistent cache: a
 * warm cache names minified variables differently from a cold one, so two builds in a row would
 * differ (tests/build/rebuilds.test.ts compares them byte for byte).
 */
import type { Config } from '@docusaurus/types';

export const future: Config['future'] = {
  v4: true,
  faster: {
    swcJsLoader: true,
    swcJsMinimizer: true,
    swcHtmlMinimizer: true,
    lightningCssMinimizer: true,
    mdxCrossCompilerCache: true,
    rspackBundler: true,
    rspackPersistentCache: false,
    ssgWorkerThreads: true,
    gitEagerVcs: true,
  },
};
