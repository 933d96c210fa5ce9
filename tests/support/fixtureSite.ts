import path from 'node:path';

import type { SiteDocument } from '../../src/plugins/citations/documents';
import { resolveOptions, type Options } from '../../src/plugins/citations/options';
import { registerSite } from '../../src/plugins/citations/store';

/**
 * Tells the remark plugin about a one-document site in `dir` (what the citations plugin does in
 * a Docusaurus build): `input.mdx`, served at /input, with these citation options.
 */
export function registerFixtureSite(dir: string, options: Options): void {
  const document: SiteDocument = {
    source: '@site/input.mdx',
    file: 'input.mdx',
    path: path.join(dir, 'input.mdx'),
    permalink: '/input',
    name: 'input',
    title: 'Input',
    label: 'Input',
    kind: 'doc',
    pluginId: 'default',
    frontMatter: {},
  };
  registerSite({
    siteDir: dir,
    baseUrl: '/',
    siteUrl: 'https://example.org',
    options: resolveOptions(options),
    documents: new Map([[document.source, document]]),
  });
}
