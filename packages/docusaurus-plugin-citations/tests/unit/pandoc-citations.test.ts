// What pandoc 2.17 (`--citeproc`, the same .bib and CSL) prints for the same Markdown is what
// a reader of our pages reads: the same works are citations, the same text stays text, and
// numeric styles number and locate narrative citations as pandoc does. Where we differ on
// purpose, the test says so: pandoc prints a numeric style's narrative citation without its
// author ("[1] argues"), we print "Doe [1] argues".
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import type { Element } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { afterAll, describe, expect, it } from 'vitest';

import { loadStyle, toText } from '../../src/citations';
import { FIXTURES, PACKAGE } from '../support/paths';
import { renderMdx } from '../support/renderMdx';

const PANDOC = '/usr/bin/pandoc';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dd-pandoc-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const NUMERIC = path.join(FIXTURES, 'narrative-numeric');

/** A bundled style as a file, for pandoc. */
function styleFile(name: string): string {
  const file = path.join(dir, `${name}.csl`);
  fs.writeFileSync(file, loadStyle(name, 'en-US', PACKAGE).xml);
  return file;
}

/** Each paragraph of pandoc's plain-text rendering, white space collapsed. */
function pandoc(markdown: string, bib: string, csl: string): string[] {
  const output = execFileSync(
    PANDOC,
    ['--citeproc', '--to=plain', '--wrap=none', `--bibliography=${bib}`, `--csl=${csl}`],
    { input: markdown, encoding: 'utf8' },
  );
  // The bibliography follows the text; only the text is compared.
  const paragraphs = output.split(/\n\s*\n/).map((p) => p.replace(/\s+/g, ' ').trim());
  return paragraphs.slice(0, markdown.split(/\n\s*\n/).length);
}

/** Each paragraph of our page, as a reader reads it, white space collapsed. */
async function ours(markdown: string, siteDir: string, style: string): Promise<string[]> {
  const html = await renderMdx(
    siteDir,
    markdown,
    { bibliography: ['refs.bib'], style, onBrokenCitations: 'throw' },
    { file: 'doc.mdx' },
  );
  return fromHtml(html, { fragment: true })
    .children.filter((n): n is Element => n.type === 'element' && n.tagName === 'p')
    .filter((p) => !p.properties.className) // not the reference list's downloads line
    .map((p) => toText(p.children).replace(/\s+/g, ' ').trim());
}

describe('narrative citations in numeric styles', () => {
  // One citation at the start of each paragraph, so that each can be compared on its own.
  const cases: { markdown: string; author?: string }[] = [
    { markdown: '@doe2020 argues that the divide is widening.', author: 'Doe' },
    { markdown: '@roe2019 [p. 4] agrees.', author: 'Roe' },
    { markdown: '@smith2021 agree.', author: 'Smith and Jones' },
    { markdown: '@alpha2022 [p. 7] agree.', author: 'Alpha et al.' },
    { markdown: '@editor2018 gathers the essays.', author: 'Editor' },
    { markdown: '[@doe2020] and [@roe2019, p. 4] in brackets.' },
    { markdown: 'Doe [-@doe2020] without her name.' },
  ];
  const markdown = cases.map((c) => c.markdown).join('\n\n');
  const bib = path.join(NUMERIC, 'refs.bib');

  it.each([
    ['vancouver', () => styleFile('vancouver')],
    ['ieee.csl', () => path.join(NUMERIC, 'ieee.csl')],
  ])(
    '%s: the number and locator pandoc prints, after the authors',
    async (style, csl) => {
      const theirs = pandoc(markdown, bib, csl());
      const mine = await ours(markdown, NUMERIC, style);
      expect(theirs).toHaveLength(cases.length);
      expect(mine).toEqual(
        cases.map((c, i) => (c.author ? `${c.author} ${theirs[i]}` : theirs[i])),
      );
      expect(mine.join(' ')).not.toContain('NO_PRINTED_FORM');
    },
    60_000,
  );
});

describe('escaped citation syntax', () => {
  it('is text where pandoc reads text, and a citation where pandoc reads one', async () => {
    const site = path.join(FIXTURES, 'text-not-citations');
    const markdown = [
      'Escaped: \\@roe2019 is text, so are &#64;roe2019 and \\[\\@doe2020\\].',
      'Only the brackets escaped: \\[@doe2020\\] is a narrative citation between brackets.',
      'Not escaped: [@doe2020] and @roe2019 [p. 4].',
    ].join('\n\n');
    const theirs = pandoc(markdown, path.join(site, 'refs.bib'), styleFile('apa'));
    expect(await ours(markdown, site, 'apa')).toEqual(theirs);
    expect(theirs[0]).toBe('Escaped: @roe2019 is text, so are @roe2019 and [@doe2020].');
  }, 60_000);
});
