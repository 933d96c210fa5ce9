// The `cite` command, run as a process, on the real content and on broken copies of it.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import citationsPlugin, { type Options as CitationOptions } from 'docusaurus-plugin-citations';
import { createLibrary } from 'docusaurus-plugin-citations/engine';

import { main } from '../../packages/docusaurus-plugin-citations/src/cli/cite';
import { bigLibrary } from '../support/bigLibrary';
import { runCite } from '../support/cite';
import { copySite } from '../support/tempsite';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../support/paths';

// A process compiles the site's config and reads everything: 10–30 s on a busy two-core host.
vi.setConfig({ testTimeout: 90_000 });

/**
 * `cite` run in this process (its `main`) in `dir`, the site's config holding the citations
 * plugin with `siteOptions`: what it prints, line by line, and its exit code.
 */
async function citeInProcess(dir: string, siteOptions: CitationOptions, ...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, {
    cwd: dir,
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    siteConfig: { plugins: [[citationsPlugin, siteOptions]] },
  });
  return { code, out, err, stdout: out.join('\n'), stderr: err.join('\n') };
}

const essayBib = fs.readFileSync(path.join(ROOT, 'bibliography/essay.bib'), 'utf8');
const keys = [...createLibrary([{ file: 'essay.bib', text: essayBib }]).entries.keys()];

describe('cite check on the real content', () => {
  it('passes with no errors and no uncited entries', async () => {
    const { code, stdout, stderr } = await runCite(['check']);
    expect(stdout).toBe('');
    expect(stderr).toMatch(
      /^cite check: no errors\. \d+ entries in 1 \.bib file\(s\); \d+ citation\(s\) in 7 document\(s\)\.\n$/,
    );
    expect(code).toBe(0);
  });
});

describe('cite list on the real content', () => {
  it('lists every key with its short reference and where it is cited', async () => {
    const { code, stdout } = await runCite(['list']);
    expect(code).toBe(0);
    const rows = stdout
      .trimEnd()
      .split('\n')
      .map((line) => line.split('\t'));
    expect(rows.map((r) => r[0])).toEqual(keys);
    const gallagher = rows.find((r) => r[0] === 'gallagher2018dragonfly');
    expect(gallagher?.[1]).toBe('(Gallagher, 2018)');
    expect(gallagher?.[2]).toMatch(/^docs\/google\.mdx:\d+:\d+$/);
    // Two executive orders by the same author in the same year are told apart.
    expect(rows.find((r) => r[0] === 'trump2020tiktok')?.[1]).toBe('(Trump, 2020a)');
    expect(rows.find((r) => r[0] === 'trump2020wechat')?.[1]).toBe('(Trump, 2020b)');
    for (const row of rows) expect(row[2]).not.toBe('(not cited)');
  });
});

describe('cite check on broken content', () => {
  let site: ReturnType<typeof copySite>;

  beforeAll(() => {
    site = copySite();
    site.edit('docs/google.mdx', (t) =>
      t.replace('[@gallagher2018dragonfly]', '[@galagher2018dragonfly]'),
    );
    site.edit(
      'bibliography/essay.bib',
      (t) => `${t}\n@online{ft2010google,\n  title = {Again},\n}\n`,
    );
    fs.writeFileSync(
      path.join(site.dir, 'bibliography/broken.bib'),
      '@book{broken,\n  title = {A}\n  date = {2000},\n}\n',
    );
    fs.writeFileSync(
      path.join(site.dir, 'bibliography/uncited.bib'),
      '@book{uncited2000,\n  author = {Nobody, No},\n  title = {Never cited},\n  date = {2000},\n}\n',
    );
  });
  afterAll(() => site.remove());

  it('prints every problem as path:line:col: message and exits 1', async () => {
    const { code, stdout, stderr } = await runCite(['check'], site.dir);
    const google = fs.readFileSync(path.join(site.dir, 'docs/google.mdx'), 'utf8').split('\n');
    const line = google.findIndex((l) => l.includes('@galagher2018dragonfly')) + 1;
    const column = google[line - 1]!.indexOf('@galagher2018dragonfly') + 1;
    const bibLines = fs
      .readFileSync(path.join(site.dir, 'bibliography/essay.bib'), 'utf8')
      .split('\n');
    const dupLine = bibLines.lastIndexOf('@online{ft2010google,') + 1;
    const firstLine = bibLines.indexOf('@article{ft2010google,') + 1;
    expect(stdout.trimEnd().split('\n')).toEqual([
      'bibliography/broken.bib:3:3: Malformed BibTeX: missing "," before this field',
      `bibliography/essay.bib:${dupLine}:1: Duplicate citation key "ft2010google"; first defined at bibliography/essay.bib:${firstLine}:1`,
      `docs/google.mdx:${line}:${column}: Unknown citation key "galagher2018dragonfly"; did you mean "gallagher2018dragonfly"?`,
      // gallagher2018dragonfly, its citation mistyped, is still cited by the timeline.
      'warning: 1 entry in bibliography/uncited.bib is not cited ("uncited2000"); it is left out of the site — list it with `cite list --uncited` or publish it with nocite',
    ]);
    expect(stderr).toMatch(/^cite check: 3 error\(s\)\./);
    expect(code).toBe(1);
  });

  it('checks only the files given with --bib', async () => {
    const { stdout } = await runCite(
      ['check', '--bib', 'bibliography/uncited.bib', '--bib', 'bibliography/essay.bib'],
      site.dir,
    );
    expect(stdout).not.toContain('broken.bib');
    expect(stdout).toContain('Duplicate citation key "ft2010google"');
  });

  it('explains its usage for an unknown command, with exit code 2', async () => {
    const { code, stderr } = await runCite(['chek'], site.dir);
    expect(code).toBe(2);
    expect(stderr).toContain('cite: unknown command "chek"');
    expect(stderr).toContain('cite check  [--bib FILE]... [--docs DIR]');
  });

  it('refuses to export from a broken .bib: exit 1, the problem on stderr, no stack trace', async () => {
    const { code, stdout, stderr } = await runCite(['export', '--format', 'bibtex'], site.dir);
    expect(stdout).toBe('');
    expect(stderr).toContain(
      'bibliography/broken.bib:3:3: Malformed BibTeX: missing "," before this field',
    );
    expect(stderr).not.toMatch(/^\s+at /m);
    expect(code).toBe(1);
  });
});

/**
 * The command in this process, on a copy of the site, with the site's options given (no config
 * to compile): what an editor would see, quickly.
 */
describe('cite on .bib files that read badly', () => {
  let site: ReturnType<typeof copySite>;

  beforeAll(() => {
    site = copySite();
    fs.mkdirSync(path.join(site.dir, 'extra'));
    const write = (name: string, text: string | Buffer) =>
      fs.writeFileSync(path.join(site.dir, 'extra', name), text);
    write('open.bib', '@misc{open2019, author = {Doe, Jane}, title = {Open}, date = {2019/}}\n');
    write('broken.bib', '@book{broken,\n  title = {A}\n  date = {2000},\n}\n');
    write(
      'odd.bib',
      Buffer.concat([
        Buffer.from('@book{odd2001,\n  auther = {Doe, Jane},\n  title = {M'),
        Buffer.from([0xfc]),
        Buffer.from('ller},\n  date = {2001},\n}\n'),
      ]),
    );
  });
  afterAll(() => site.remove());

  const cite = (...args: string[]) => citeInProcess(site.dir, {}, ...args);
  const citeWith = (siteOptions: CitationOptions, ...args: string[]) =>
    citeInProcess(site.dir, siteOptions, ...args);
  const withEssay = (file: string) => ['--bib', 'bibliography/essay.bib', '--bib', file];

  it('lists and exports an entry whose date range is open, published by nocite', async () => {
    const published = { nocite: ['open2019'] };
    const listed = await citeWith(published, 'list', ...withEssay('extra/open.bib'));
    expect(listed.stderr).toBe('');
    expect(listed.stdout).toContain('open2019\t(Doe, 2019–)\t(not cited)');
    expect(listed.code).toBe(0);

    const exported = await citeWith(
      published,
      'export',
      '--format',
      'csl-json',
      ...withEssay('extra/open.bib'),
    );
    expect(exported.code).toBe(0);
    const items = JSON.parse(exported.stdout) as { id: string; issued?: unknown }[];
    expect(items.find((i) => i.id === 'open2019')?.issued).toEqual({ 'date-parts': [[2019], [0]] });
  });

  it('lists with exit 1 and the problems on stderr when a .bib is broken', async () => {
    const { code, stdout, stderr } = await cite('list', ...withEssay('extra/broken.bib'));
    expect(stderr).toContain(
      'extra/broken.bib:3:3: Malformed BibTeX: missing "," before this field',
    );
    expect(stdout, stderr).toContain('gallagher2018dragonfly\t(Gallagher, 2018)');
    expect(code).toBe(1);
  });

  it('checks a file that is not UTF-8, and the fields of an uncited entry with --all', async () => {
    const notUtf8 =
      'extra/odd.bib:3:13: The file is not UTF-8: byte 0xFC cannot be read (as Latin-1, "Müller"); save the file as UTF-8';
    const unknownField =
      'extra/odd.bib:2:3: warning: Entry "odd2001": "auther" is not a biblatex field, so it is ignored; did you mean "author"?';
    // The entry is left out of the site: only what concerns the whole file is checked.
    const site = await cite('check', ...withEssay('extra/odd.bib'));
    expect(site.stdout.split('\n')).toContain(notUtf8);
    expect(site.stdout).not.toContain('auther');
    expect(site.code).toBe(1);
    const all = await cite('check', '--all', ...withEssay('extra/odd.bib'));
    expect(all.stdout.split('\n')).toEqual(expect.arrayContaining([notUtf8, unknownField]));
    expect(all.code).toBe(1);
  });

  it('answers usage mistakes with exit code 2 and the usage', async () => {
    for (const args of [
      ['export', '--format', 'xml'],
      ['export', '--format', 'bibtex', '--document', 'docs/nowhere.mdx'],
      ['check', '--bib', 'extra/missing.bib'],
      ['list', '--format', 'bibtex'],
      ['check', '--colour'],
      ['check', '--uncited'],
      [],
    ]) {
      const { code, stderr } = await cite(...args);
      expect(stderr, args.join(' ')).toContain('Usage:');
      expect(code, args.join(' ')).toBe(2);
    }
    const { stderr } = await cite('check', '--bib', 'extra/missing.bib');
    expect(stderr).toMatch(/^cite check: --bib extra\/missing\.bib: no such file or folder\n/);
  });
});

/**
 * A researcher's whole library beside the essay's: the site cites a handful of its entries, and
 * `cite check` says in one line how many it leaves out, while a mistake anywhere in the file is
 * still an error at its place.
 */
describe('cite check on a whole library', () => {
  const COUNT = 2000;
  let site: ReturnType<typeof copySite>;

  beforeAll(() => {
    site = copySite();
    fs.writeFileSync(path.join(site.dir, 'bibliography/library.bib'), bigLibrary(COUNT));
  });
  afterAll(() => site.remove());

  const cite = (siteOptions: CitationOptions, ...args: string[]) =>
    citeInProcess(site.dir, siteOptions, ...args);

  it('says in one line how many entries it leaves out, and exits 0', async () => {
    const { code, stdout, stderr } = await runCite(['check'], site.dir);
    expect(stdout).toBe(
      'warning: 2,000 entries in bibliography/library.bib are not cited; they are left out of the site — list them with `cite list --uncited` or publish them with nocite\n',
    );
    expect(stderr).toMatch(/^cite check: no errors\. 20\d\d entries in 2 \.bib file\(s\)/);
    expect(code).toBe(0);
  });

  it('lists the entries it leaves out with `cite list --uncited`, each where it is written', async () => {
    const { code, out } = await cite({}, 'list', '--uncited');
    expect(out).toHaveLength(COUNT);
    expect(out[0]).toBe('gen0\tbibliography/library.bib:1:1\tleft out');
    expect(out[1234]).toBe('gen1234\tbibliography/library.bib:12341:1\tleft out');
    expect(code).toBe(0);
    const published = await cite({ nocite: ['gen7'] }, 'list', '--uncited');
    expect(published.out[7]).toBe('gen7\tbibliography/library.bib:71:1\tpublished (nocite)');
  });

  it('publishes entries nocite names: they are checked, and no longer counted', async () => {
    const bad = bigLibrary(COUNT).replace('date = {2007-08}', 'date = {2007-02-30}');
    fs.writeFileSync(path.join(site.dir, 'bibliography/library.bib'), bad);
    try {
      const left = await cite({}, 'check');
      expect(left.out).toHaveLength(1);
      expect(left.code).toBe(0);
      const named = await cite({ nocite: ['gen7', 'gen8'] }, 'check');
      expect(named.out).toEqual([
        'bibliography/library.bib:75:10: Entry "gen7": date = {2007-02-30} is not a date that exists',
        'warning: 1,998 entries in bibliography/library.bib are not cited; they are left out of the site — list them with `cite list --uncited` or publish them with nocite',
      ]);
      expect(named.code).toBe(1);
    } finally {
      fs.writeFileSync(path.join(site.dir, 'bibliography/library.bib'), bigLibrary(COUNT));
    }
  });

  it('names a nocite key that no .bib file holds, and exits 1', async () => {
    const { code, err } = await cite({ nocite: ['gen7', 'gne8'] }, 'check');
    expect(err).toEqual([
      'cite: Citation option "nocite" names "gne8", which is in no .bib file; did you mean "gen8"?',
    ]);
    expect(code).toBe(1);
  });

  it('still stops at a syntax error anywhere in the library, at its file:line:col', async () => {
    const broken = bigLibrary(COUNT).replace(
      '  title = {A Study of Things Number 1500},\n',
      '  title = {A Study of Things Number 1500}\n',
    );
    fs.writeFileSync(path.join(site.dir, 'bibliography/library.bib'), broken);
    try {
      const { code, stdout } = await runCite(['check'], site.dir);
      expect(stdout.split('\n')).toEqual([
        'bibliography/library.bib:15004:3: Malformed BibTeX: missing "," before this field',
        'warning: 1,999 entries in bibliography/library.bib are not cited; they are left out of the site — list them with `cite list --uncited` or publish them with nocite',
        '',
      ]);
      expect(code).toBe(1);
    } finally {
      fs.writeFileSync(path.join(site.dir, 'bibliography/library.bib'), bigLibrary(COUNT));
    }
  });
});
