// Fixture folders: tests/fixtures/<case>/input.mdx and refs.bib go in; expected.html (the page
// fragment the site would render, or why it is not rendered), messages.txt (what `cite check`
// reports, warnings included) and expected-csl.json (the library's entries' CSL data, `entry.csl`
// in file order) come out.
// UPDATE_FIXTURES=1 rewrites the expected files; review the diff before committing it.
//
// The page fragment is made as the site makes it: the document compiled by MDX with the
// citations remark plugin, then rendered by the plugin's own theme components (with stand-ins
// for the few Docusaurus client APIs they use: tests/support/docusaurus, aliased in
// vitest.config.mts).
import fs from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import {
  formatDiagnostic,
  formatWarning,
  loadContext,
  readDocument,
  sortDiagnostics,
} from '../../src/citations';
import {
  resolveOptions as validateOptions,
  type Options as CitationOptions,
} from '../../src/plugin/options';
import { FIXTURES } from '../support/paths';
import { renderMdx } from '../support/renderMdx';

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
    // Invalid MDX is not rendered: the parser stops first, as it does in Docusaurus.
    const html = await renderMdx(dir, source, options).catch(
      (error: { line?: number; column?: number; reason?: string }) =>
        `Not rendered: the MDX parser stops at ${error.line}:${error.column}: ${error.reason}`,
    );
    compare(path.join(dir, 'expected.html'), `${html}\n`);
  });

  it('reports the expected messages', () => {
    const context = loadContext(validateOptions(options), dir);
    const { diagnostics } = readDocument(source, 'input.mdx', context.library);
    const all = sortDiagnostics([...context.library.diagnostics, ...diagnostics]);
    const warnings = sortDiagnostics(context.library.warnings).map(formatWarning);
    compare(
      path.join(dir, 'messages.txt'),
      [...all.map(formatDiagnostic), ...warnings].map((line) => `${line}\n`).join(''),
    );
  });

  it('reads the expected CSL data', () => {
    const { library } = loadContext(validateOptions(options), dir);
    const items = [...library.entries.values()].map((e) => e.csl);
    // The private-use characters that stand for literal "<" and ">" are written out, to be seen.
    const json = JSON.stringify(items, null, 2).replace(
      /[\uE000-\uF8FF]/g,
      (c) => `\\u${c.charCodeAt(0).toString(16)}`,
    );
    compare(path.join(dir, 'expected-csl.json'), `${json}\n`);
  });
});
