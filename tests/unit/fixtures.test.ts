// Fixture folders: tests/fixtures/<case>/input.mdx and refs.bib go in; expected.html (the page
// fragment the site would render) and messages.txt (what `cite check` reports) come out.
// UPDATE_FIXTURES=1 rewrites the expected files; review the diff before committing it.
//
// The page fragment is made as the site makes it: the document compiled by MDX with the
// citations remark plugin, then rendered by the plugin's own theme components (with stand-ins
// for the few Docusaurus client APIs they use: tests/support/docusaurus, aliased in
// vitest.config.mts).
import fs from 'node:fs';
import path from 'node:path';

import { compile } from '@mdx-js/mdx';
import { createElement, type ComponentType } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import remarkDirective from 'remark-directive';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';

import {
  findCitations,
  formatDiagnostic,
  loadContext,
  parseMdx,
  sortDiagnostics,
} from '../../src/citations';
import {
  resolveOptions as validateOptions,
  type Options as CitationOptions,
} from '../../src/plugins/citations/options';
import remarkCitations from '../../src/remark/citations';
import { registerFixtureSite } from '../support/fixtureSite';
import { FIXTURES, ROOT } from '../support/paths';

/** Compiled documents go here, where the test runner resolves their imports like the tests'. */
const COMPILED = path.join(ROOT, 'test-results/fixtures');

const update = process.env.UPDATE_FIXTURES === '1';

function readOptional(file: string): string | undefined {
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
}

function compare(file: string, actual: string): void {
  if (update) fs.writeFileSync(file, actual);
  expect(actual).toBe(readOptional(file));
}

const cases = fs
  .readdirSync(FIXTURES)
  .filter((name) => fs.existsSync(path.join(FIXTURES, name, 'input.mdx')))
  .sort();

describe.each(cases)('%s', (name) => {
  const dir = path.join(FIXTURES, name);
  const source = fs.readFileSync(path.join(dir, 'input.mdx'), 'utf8');
  const extra = JSON.parse(readOptional(path.join(dir, 'options.json')) ?? '{}') as CitationOptions;
  // 'ignore' so that pages with problems still render; the problems are checked below.
  const options: CitationOptions = {
    bibliography: ['refs.bib'],
    ...extra,
    onBrokenCitations: 'ignore',
  };

  it('renders the expected HTML', async () => {
    registerFixtureSite(dir, options);
    const file = new VFile({ path: path.join(dir, 'input.mdx'), cwd: dir, value: source });
    const code = await compile(file, {
      remarkPlugins: [remarkCitations, remarkFrontmatter, remarkDirective, remarkGfm],
    });
    fs.mkdirSync(COMPILED, { recursive: true });
    const module = path.join(COMPILED, `${name}.mjs`);
    fs.writeFileSync(module, String(code));
    const { default: Content } = (await import(/* @vite-ignore */ module)) as {
      default: ComponentType;
    };
    compare(path.join(dir, 'expected.html'), `${renderToStaticMarkup(createElement(Content))}\n`);
  });

  it('reports the expected messages', () => {
    const context = loadContext(validateOptions(options), dir);
    const { diagnostics } = findCitations(parseMdx(source), source, 'input.mdx', context.library);
    const all = sortDiagnostics([...context.library.diagnostics, ...diagnostics]);
    compare(path.join(dir, 'messages.txt'), all.map((d) => `${formatDiagnostic(d)}\n`).join(''));
  });
});
