// A page written the way editors write, built by Docusaurus: citations in a heading and on the
// first line of a page without a description, and citation syntax the editor meant as text.
// The built page, `cite check` and `cite list` must agree on what is a citation.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { runBuild } from '../support/build';
import { runCite } from '../support/cite';
import { attr, readPage, select, selectAll, text } from '../support/html';
import { copySite } from '../support/tempsite';

const PROBE = `---
title: Probe
sidebar_position: 99
slug: /probe
---

@rauhala2016innovate argues that China can innovate [@gallagher2018dragonfly, p. 4].

### As @rauhala2016innovate puts it

Code stays code: <code>[@gallagher2018dragonfly]</code> and \`@rauhala2016innovate\`.

<pre>@galagher2018dragonfly</pre>

Escaped, it is text: \\@galagher2018dragonfly and \\[\\@gallagher2018dragonfly\\].

A table [@gallagher2018dragonfly, table 3].
`;

let site: ReturnType<typeof copySite>;
let outDir: string;
let buildOutput = '';

beforeAll(async () => {
  site = copySite();
  fs.writeFileSync(path.join(site.dir, 'docs/probe.mdx'), PROBE);
  outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dd-probe-build-'));
  const result = await runBuild(outDir, site.dir);
  buildOutput = result.output;
  if (result.code !== 0) throw new Error(`The probe build failed:\n${result.output}`);
}, 600_000);

afterAll(() => {
  site?.remove();
  if (outDir) fs.rmSync(outDir, { recursive: true, force: true });
});

describe('a page with citations in its heading and first line', () => {
  it('lists the heading in its table of contents with the citation as text', () => {
    const page = readPage(outDir, '/probe');
    const heading = select('article h3', page);
    expect(attr(heading, 'id')).toBe('as-rauhala-2016-puts-it');
    // The heading holds the citation in every style (the reader's choice shows); the table of
    // contents holds the default style's text.
    expect(text(select('.citation-variant[data-style="apa"]', heading!))).toBe('Rauhala (2016)');
    const entry = select('.table-of-contents a', page);
    expect(text(entry)).toBe('As Rauhala (2016) puts it');
    expect(attr(entry, 'href')).toBe('#as-rauhala-2016-puts-it');
  });

  it('has a meta description with the rendered citations, not their syntax', () => {
    const page = readPage(outDir, '/probe');
    const expected = 'Rauhala (2016) argues that China can innovate (Gallagher, 2018, p. 4).';
    expect(attr(select('meta[name="description"]', page), 'content')).toBe(expected);
    expect(attr(select('meta[property="og:description"]', page), 'content')).toBe(expected);
  });
});

describe('what is a citation', () => {
  it('is the same for the built page, cite check and cite list', async () => {
    const page = readPage(outDir, '/probe');
    const built = selectAll('article .citation', page)
      .flatMap((c) => attr(c, 'dataCites')!.split(' '))
      .sort();
    const list = await runCite(['list'], site.dir);
    expect(list.code).toBe(0);
    const listed = list.stdout
      .trimEnd()
      .split('\n')
      .map((row) => row.split('\t'))
      .flatMap(([key, , places]) =>
        places!
          .split(' ')
          .filter((p) => p.startsWith('docs/probe.mdx:'))
          .map(() => key!),
      )
      .sort();
    expect(built).toEqual([
      'gallagher2018dragonfly',
      'gallagher2018dragonfly',
      'rauhala2016innovate',
      'rauhala2016innovate',
    ]);
    expect(listed).toEqual(built);
    // The misspelt keys are text (escaped, or in code): neither the build nor check flags them.
    const check = await runCite(['check'], site.dir);
    expect(check.stdout).toBe('');
    expect(check.code).toBe(0);
    expect(buildOutput).not.toContain('galagher2018dragonfly');
  }, 120_000);

  it('leaves code and escaped syntax as the editor wrote it', () => {
    const article = select('article', readPage(outDir, '/probe'));
    expect(text(select('p code', article!))).toBe('[@gallagher2018dragonfly]');
    expect(text(select('pre', article!))).toBe('@galagher2018dragonfly');
    expect(text(article)).toContain(
      'Escaped, it is text: @galagher2018dragonfly and [@gallagher2018dragonfly].',
    );
  });

  it('reads CSL 1.0.2 locators as labelled locators', () => {
    const article = select('article', readPage(outDir, '/probe'));
    const table = selectAll('.citation', article!).at(-1);
    const variants = selectAll('.citation-variant', table!).map((v) => [
      attr(v, 'dataStyle'),
      text(v),
    ]);
    // Vancouver numbers works once for the whole site (README): Gallagher's number is the one
    // /bibliography gives it.
    const entry = select(
      'li.csl-entry[data-key="gallagher2018dragonfly"] .entry-variant[data-style="vancouver"] .csl-left-margin',
      readPage(outDir, '/bibliography'),
    );
    const number = text(entry).replace(/\.$/, '');
    expect(number).toMatch(/^\d+$/);
    expect(Object.fromEntries(variants)).toEqual({
      apa: '(Gallagher, 2018, Table 3)',
      harvard: '(Gallagher, 2018, tbl. 3)',
      vancouver: `(${number})`,
      chicago: '(Gallagher 2018, tbl. 3)',
    });
  });
});
