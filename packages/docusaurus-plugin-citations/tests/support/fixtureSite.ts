import path from 'node:path';

import type { SiteDocument } from '../../src/plugin/documents';
import { resolveOptions, type Options } from '../../src/plugin/options';
import { registerSite } from '../../src/plugin/store';
import { PACKAGE } from './paths';

/**
 * Tells the remark plugin about a one-document site in `dir` (what the citations plugin does in
 * a Docusaurus build): `file` (`input.mdx`, served at /input), with these citation options;
 * `inlineDeferred` as under `npm start`.
 */
let registered = 0;

export interface FixtureDocument {
  file?: string;
  inlineDeferred?: boolean;
}

export function registerFixtureSite(
  dir: string,
  options: Options,
  { file = 'input.mdx', inlineDeferred = false }: FixtureDocument = {},
): void {
  registered += 1;
  const name = file.replace(/\.mdx?$/, '');
  const document: SiteDocument = {
    source: `@site/${file}`,
    file,
    path: path.join(dir, file),
    permalink: `/${name}`,
    name,
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
    scope: [],
    // A folder of its own each time: a module runner keeps the first module it loads from a path.
    deferredDir: path.join(
      PACKAGE,
      'test-results/deferred',
      `${path.basename(dir)}-${process.pid}-${registered}`,
    ),
    inlineDeferred,
  });
}
