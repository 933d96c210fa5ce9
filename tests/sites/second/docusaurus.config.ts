// A second site for the tests: the citations plugin as another site would use it. Docs under
// /docs with number-prefixed files, a blog, served under /sub/, a numeric style as its only
// style, its own .bib and timeline, and a print edition. Nothing here is the essay's; the plugin is
// named by its package, as a site that installed it from the registry names it.
import type * as Preset from '@docusaurus/preset-classic';
import type { Config } from '@docusaurus/types';

import type { Options as CitationOptions } from 'docusaurus-plugin-citations';
import { citationFrontMatter } from 'docusaurus-plugin-citations/front-matter';
import remarkCitations from 'docusaurus-plugin-citations/remark';
import { future } from '../../../docusaurus.future';

const citations: CitationOptions = {
  bibliography: 'references.bib',
  style: 'vancouver',
  timeline: 'events.yaml',
  print: { title: 'Everything on one page' },
};

const config: Config = {
  title: 'Second site',
  url: 'https://second.example.org',
  baseUrl: '/sub/',
  trailingSlash: false,
  future,
  onBrokenLinks: 'throw',
  onBrokenAnchors: 'throw',
  markdown: {
    hooks: { onBrokenMarkdownLinks: 'throw' },
    // A page without a description gets its first line, citations as the reader sees them.
    parseFrontMatter: citationFrontMatter,
  },
  presets: [
    [
      'classic',
      {
        docs: { routeBasePath: 'docs', beforeDefaultRemarkPlugins: [remarkCitations] },
        blog: {
          beforeDefaultRemarkPlugins: [remarkCitations],
          showReadingTime: false,
          onInlineAuthors: 'ignore',
          onUntruncatedBlogPosts: 'ignore',
        },
      } satisfies Preset.Options,
    ],
  ],
  plugins: [['docusaurus-plugin-citations', citations]],
  themeConfig: {
    navbar: {
      title: 'Second site',
      items: [
        { to: '/docs/intro', label: 'Docs', position: 'left' },
        { to: '/blog', label: 'Blog', position: 'left' },
        { to: '/bibliography', label: 'Bibliography', position: 'left' },
      ],
    },
  } satisfies Preset.ThemeConfig,
};

export default config;
