import type * as Preset from '@docusaurus/preset-classic';
import type { Config } from '@docusaurus/types';
import { themes as prismThemes } from 'prism-react-renderer';

import { citations, SITE_URL } from './citations.config';
import citationsPlugin, { EXPORTS_DIR } from './src/plugins/citations';
import { citationFrontMatter } from './src/plugins/citations/frontMatter';
import leanThemePlugin from './src/plugins/leanTheme';
import printPlugin from './src/plugins/print';
import searchRankingPlugin from './src/plugins/searchRanking';
import remarkCitations from './src/remark/citations';
import remarkCodeHighlighter from './src/remark/codeHighlighter';

/**
 * Where the edition's sources live and readers report errors (the About page links to it).
 * Like SITE_URL, a placeholder until the edition has its public home.
 */
const REPOSITORY_URL = 'https://git.example.org/digital-divide/digital-divide';

/**
 * `npm run bench` builds the site twice, with and without our citation features, to measure
 * what they cost. Off, citations stay as text and their pages, scripts and files are left out.
 */
const CITATIONS = process.env.DIGITAL_DIVIDE_FEATURES !== 'off';

const config: Config = {
  title: 'Digital Divide',
  tagline:
    'TikTok, WeChat and the growing digital divide between the U.S. and China: a cited edition',
  favicon: 'img/favicon.svg',
  url: SITE_URL,
  baseUrl: '/',
  trailingSlash: false,

  future: {
    v4: true,
    // Everything `faster: true` turns on except Rspack's persistent cache: a warm cache names
    // minified variables differently from a cold one, so two builds in a row would differ.
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
  },

  // Without the citation features, /bibliography and the like do not exist (bench only).
  onBrokenLinks: CITATIONS ? 'throw' : 'ignore',
  onBrokenAnchors: 'throw',
  markdown: {
    hooks: { onBrokenMarkdownLinks: 'throw' },
    // A page without a description gets its first line, with citations as readers see them.
    ...(CITATIONS ? { parseFrontMatter: citationFrontMatter(citations) } : {}),
  },

  i18n: { defaultLocale: 'en', locales: ['en'] },

  // `repositoryUrl`: read by src/components/RepositoryLink.
  customFields: { citations, repositoryUrl: REPOSITORY_URL },

  presets: [
    [
      'classic',
      {
        docs: {
          routeBasePath: '/',
          sidebarPath: './sidebars.ts',
          // An essay, not a documentation tree: no "Home › Chapter" trail above each chapter.
          breadcrumbs: false,
          beforeDefaultRemarkPlugins: CITATIONS ? [[remarkCitations, citations]] : [],
          // Prism only with code: see src/plugins/leanTheme.
          remarkPlugins: [remarkCodeHighlighter],
        },
        blog: false,
        pages: false,
        theme: { customCss: './src/css/custom.css' },
      } satisfies Preset.Options,
    ],
  ],

  plugins: [
    leanThemePlugin,
    searchRankingPlugin,
    ...(CITATIONS
      ? [
          [citationsPlugin, citations],
          [
            printPlugin,
            {
              citations,
              title: 'TikTok, WeChat and the growing digital divide between the U.S. and China',
              subtitle: 'Two “parallel universes” are now even further apart',
            },
          ],
        ]
      : []),
  ],
  themes: [
    [
      // Offline search: a lunr index built with the site, fetched on the reader's first search.
      '@easyops-cn/docusaurus-search-local',
      {
        hashed: true,
        indexDocs: true,
        indexBlog: false,
        indexPages: false,
        docsRouteBasePath: '/',
        language: ['en'],
        highlightSearchTermsOnTargetPage: true,
        explicitSearchResultPath: true,
        searchResultLimits: 8,
        searchBarShortcutHint: false,
        // What a search should find in a chapter is its text and its references, once: not the
        // buttons and links around each entry, the other styles' renderings or "Cite this".
        ignoreCssSelectors: CITATIONS
          ? [
              '.entry-actions',
              '.entry-archive',
              '.citation-backlinks',
              '.citation-style-switcher',
              '.references-downloads',
              `[data-style]:not([data-style="${citations.styles![0]!.id}"])`,
              'section[aria-labelledby="cite-this"]',
            ]
          : [],
      },
    ],
  ],
  clientModules: [
    // Focus follows any in-page link (contents, headings, citations), with or without citations.
    './src/clientModules/targetFocus.ts',
    ...(CITATIONS
      ? [
          './src/clientModules/copyToClipboard.ts',
          './src/clientModules/citationPreviews.ts',
          './src/clientModules/citationStyle.ts',
        ]
      : []),
  ],
  // The citations plugin writes the .bib, .ris and CSL-JSON exports here; see EXPORTS_DIR.
  staticDirectories: CITATIONS ? ['static', EXPORTS_DIR] : ['static'],

  themeConfig: {
    colorMode: { respectPrefersColorScheme: true },
    navbar: {
      title: 'Digital Divide',
      // Sized, so that the navbar does not shift when the image arrives.
      logo: { alt: '', src: 'img/favicon.svg', width: 32, height: 32 },
      items: [
        { type: 'docSidebar', sidebarId: 'essay', position: 'left', label: 'Essay' },
        { to: '/bibliography', label: 'Bibliography', position: 'left' },
        { to: '/timeline', label: 'Timeline', position: 'left' },
        { to: '/print', label: 'Print edition', position: 'left' },
        { to: '/about', label: 'About', position: 'right' },
      ],
    },
    footer: {
      style: 'dark',
      links: [
        {
          title: 'The edition',
          items: [
            { label: 'Introduction', to: '/' },
            { label: 'Bibliography', to: '/bibliography' },
            { label: 'About this edition', to: '/about' },
          ],
        },
        {
          title: 'The original',
          items: [
            {
              label: 'TechCrunch, 22 September 2020',
              href: 'https://techcrunch.com/2020/09/22/tiktok-wechat-and-the-growing-digital-divide-between-the-u-s-and-china/',
            },
          ],
        },
      ],
    },
    // LaTeX for the About page's example; Prism comes only with pages that have code (src/plugins/leanTheme).
    prism: {
      theme: prismThemes.vsLight,
      darkTheme: prismThemes.vsDark,
      additionalLanguages: ['latex'],
    },
  } satisfies Preset.ThemeConfig,
};

export default config;
