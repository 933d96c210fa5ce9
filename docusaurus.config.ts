import type * as Preset from '@docusaurus/preset-classic';
import type { Config } from '@docusaurus/types';

import type { Options as CitationOptions } from 'docusaurus-plugin-citations';
import { citationFrontMatter } from 'docusaurus-plugin-citations/front-matter';
import remarkCitations from 'docusaurus-plugin-citations/remark';
import { themes as prismThemes } from 'prism-react-renderer';

import leanThemePlugin from './src/plugins/leanTheme';
import searchRankingPlugin from './src/plugins/searchRanking';
import remarkCodeHighlighter from './src/remark/codeHighlighter';
import { future } from './docusaurus.future';

/**
 * Where the essay is served: the host (SITE_URL) and the path under it (BASE_URL, with a slash at
 * each end). GitHub Pages serves a project site under /<repository>/; see the README, "Deploy".
 */
const SITE_URL = process.env.SITE_URL ?? 'https://digital-divide.example.org';
const BASE_URL = process.env.BASE_URL ?? '/';

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

/**
 * How citations are resolved and rendered: the citations plugin's options (validated by it; the
 * `cite` command reads them from the plugin's entry below).
 */
const citations: CitationOptions = {
  bibliography: ['bibliography'],
  style: 'apa',
  // What a reader may switch to; every style is rendered at build time.
  styles: [
    { id: 'apa', label: 'APA', style: 'apa' },
    { id: 'harvard', label: 'Harvard', style: 'harvard1' },
    { id: 'vancouver', label: 'Vancouver', style: 'vancouver' },
    // From the npm package style-chicago (Chicago Manual of Style, 17th ed., author-date).
    { id: 'chicago', label: 'Chicago (author-date)', style: 'style-chicago' },
  ],
  locale: 'en-US',
  timeline: 'timeline/events.yaml',
  onBrokenCitations: 'throw',
  onUncitedEntries: 'warn',
  // How the plugin's words name the edition and its documents ("Cite this chapter").
  terms: { work: 'essay', part: 'chapter', parts: 'chapters', site: 'edition' },
  // Some addresses could not be confirmed: an entry without one must not read as a mistake.
  bibliographyNote:
    'An entry without a web address is not an oversight: its URL is not confirmed, and we leave an address out rather than guess it.',
  // /print: the introduction and the chapters on one page (those without `print: false`).
  print: { subtitle: 'Two “parallel universes” are now even further apart' },
  // The edition's own metadata: "Cite this chapter", Highwire and schema.org tags.
  edition: {
    title: 'TikTok, WeChat and the growing digital divide between the U.S. and China',
    containerTitle: 'Digital Divide: a cited edition',
    publisher: 'Digital Divide',
    issued: '2026-11-29',
    original: {
      title: 'TikTok, WeChat and the growing digital divide between the U.S. and China',
      publisher: 'TechCrunch',
      issued: '2020-09-22',
      url: 'https://techcrunch.com/2020/09/22/tiktok-wechat-and-the-growing-digital-divide-between-the-u-s-and-china/',
    },
  },
};

const config: Config = {
  title: 'Digital Divide',
  tagline:
    'TikTok, WeChat and the growing digital divide between the U.S. and China: a cited edition',
  favicon: 'img/favicon.svg',
  url: SITE_URL,
  baseUrl: BASE_URL,
  trailingSlash: false,

  future,

  // Without the citation features, /bibliography and the like do not exist (bench only).
  onBrokenLinks: CITATIONS ? 'throw' : 'ignore',
  onBrokenAnchors: 'throw',
  markdown: {
    hooks: { onBrokenMarkdownLinks: 'throw' },
    // A page without a description gets its first line, with citations as readers see them.
    // Docusaurus lets no plugin set this hook; it reads the citations plugin's options.
    ...(CITATIONS ? { parseFrontMatter: citationFrontMatter } : {}),
  },

  i18n: { defaultLocale: 'en', locales: ['en'] },

  // `repositoryUrl`: read by src/components/RepositoryLink.
  customFields: { repositoryUrl: REPOSITORY_URL },

  presets: [
    [
      'classic',
      {
        docs: {
          routeBasePath: '/',
          sidebarPath: './sidebars.ts',
          // An essay, not a documentation tree: no "Home › Chapter" trail above each chapter.
          breadcrumbs: false,
          // The one place besides the plugin entry: Docusaurus lets no plugin add remark plugins
          // to another plugin's MDX loader. It takes no options (it reads the plugin's).
          beforeDefaultRemarkPlugins: CITATIONS ? [remarkCitations] : [],
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
    // The citations plugin, by its package name as any site names it (packages/ in this repository).
    ...(CITATIONS ? [['docusaurus-plugin-citations', citations]] : []),
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
  ],

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
