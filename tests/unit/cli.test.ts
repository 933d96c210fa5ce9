// The `cite` command, run as a process, on the real content and on broken copies of it.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { createLibrary } from 'docusaurus-plugin-citations/engine';
import { main } from '../../packages/docusaurus-plugin-citations/src/cli/cite';
import { runCite } from '../support/cite';
import { copySite } from '../support/tempsite';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../support/paths';

// A process compiles the site's config and reads everything: 10–30 s on a busy two-core host.
vi.setConfig({ testTimeout: 90_000 });

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
      // With its only citation mistyped, the entry is now cited nowhere.
      `bibliography/essay.bib:${bibLines.indexOf('@article{gallagher2018dragonfly,') + 1}:1: warning: Entry "gallagher2018dragonfly" is not cited in any document`,
      'bibliography/uncited.bib:1:1: warning: Entry "uncited2000" is not cited in any document',
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

  async function cite(...args: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(args, {
      cwd: site.dir,
      out: (line) => out.push(line),
      err: (line) => err.push(line),
      siteConfig: {},
    });
    return { code, stdout: out.join('\n'), stderr: err.join('\n') };
  }
  const withEssay = (file: string) => ['--bib', 'bibliography/essay.bib', '--bib', file];

  it('lists and exports an entry whose date range is open', async () => {
    const listed = await cite('list', ...withEssay('extra/open.bib'));
    expect(listed.stderr).toBe('');
    expect(listed.stdout).toContain('open2019\t(Doe, 2019–)\t(not cited)');
    expect(listed.code).toBe(0);

    const exported = await cite('export', '--format', 'csl-json', ...withEssay('extra/open.bib'));
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

  it('checks a file that is not UTF-8 and has an unknown field', async () => {
    const { code, stdout } = await cite('check', ...withEssay('extra/odd.bib'));
    expect(stdout.split('\n')).toEqual(
      expect.arrayContaining([
        'extra/odd.bib:3:13: The file is not UTF-8: byte 0xFC cannot be read (as Latin-1, "Müller"); save the file as UTF-8',
        'extra/odd.bib:2:3: warning: Entry "odd2001": "auther" is not a biblatex field, so it is ignored; did you mean "author"?',
      ]),
    );
    expect(code).toBe(1);
  });

  it('answers usage mistakes with exit code 2 and the usage', async () => {
    for (const args of [
      ['export', '--format', 'xml'],
      ['export', '--format', 'bibtex', '--document', 'docs/nowhere.mdx'],
      ['check', '--bib', 'extra/missing.bib'],
      ['list', '--format', 'bibtex'],
      ['check', '--colour'],
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
