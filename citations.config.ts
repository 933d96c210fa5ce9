/**
 * How citations are resolved and rendered: docusaurus.config.ts gives these options to the
 * remark plugin, the site plugin and the print plugin, and the `cite` command reads this file
 * alone, so that it sees what the build sees without loading Docusaurus and its plugins (about
 * half a second of every run).
 */
import type { CitationOptions } from './src/citations/options';

export const SITE_URL = 'https://digital-divide.example.org';

export const citations: CitationOptions = {
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
  // The edition's own metadata: "Cite this chapter", Highwire and schema.org tags.
  edition: {
    title: 'TikTok, WeChat and the growing digital divide between the U.S. and China',
    containerTitle: 'Digital Divide: a cited edition',
    publisher: 'Digital Divide',
    issued: '2026-11-29',
    url: SITE_URL,
    original: {
      title: 'TikTok, WeChat and the growing digital divide between the U.S. and China',
      publisher: 'TechCrunch',
      issued: '2020-09-22',
      url: 'https://techcrunch.com/2020/09/22/tiktok-wechat-and-the-growing-digital-divide-between-the-u-s-and-china/',
    },
  },
};
