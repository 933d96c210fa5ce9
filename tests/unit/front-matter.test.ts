// A page without a `description` gets its first line as its meta description, with citations
// as the reader sees them; Docusaurus alone would keep the citation syntax.
import { DEFAULT_PARSE_FRONT_MATTER } from '@docusaurus/utils';
import { describe, expect, it } from 'vitest';

import config from '../../docusaurus.config';
import { optionsInConfig, resolveOptions } from 'docusaurus-plugin-citations';
import { citationFrontMatter as parse } from 'docusaurus-plugin-citations/front-matter';
import { registerSite } from '../../packages/docusaurus-plugin-citations/src/plugin/store';
import { ROOT } from '../support/paths';

// What the citations plugin does when Docusaurus sets it up: the essay's options, for its files.
registerSite({
  siteDir: ROOT,
  baseUrl: '/',
  siteUrl: config.url,
  options: resolveOptions(optionsInConfig(config, ROOT) ?? {}),
  documents: new Map(),
  scope: [],
  deferredDir: `${ROOT}/.docusaurus/docusaurus-plugin-citations/default/deferred`,
  inlineDeferred: false,
});

async function descriptionOf(fileContent: string): Promise<unknown> {
  const { frontMatter } = await parse({
    filePath: `${ROOT}/docs/probe.mdx`,
    fileContent,
    defaultParseFrontMatter: DEFAULT_PARSE_FRONT_MATTER,
  });
  return frontMatter.description;
}

describe('meta descriptions', () => {
  it('hold the citations as rendered in the default style', async () => {
    const doc =
      '---\ntitle: Probe\n---\n\n# Probe\n\n@rauhala2016innovate argues it [@gallagher2018dragonfly, p. 4].\n\nMore.\n';
    expect(await descriptionOf(doc)).toBe('Rauhala (2016) argues it (Gallagher, 2018, p. 4).');
  }, 60_000);

  it('are left alone when the page has one, or cites nothing', async () => {
    expect(
      await descriptionOf('---\ndescription: Mine.\n---\n\nSee [@gallagher2018dragonfly].\n'),
    ).toBe('Mine.');
    expect(await descriptionOf('---\ntitle: T\n---\n\nNo citation here.\n')).toBeUndefined();
  });
});
