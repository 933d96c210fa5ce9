// The exports (BibLaTeX, BibTeX, RIS, CSL-JSON) read back by readers that share no code with
// citation-js: biber, pybtex, bibtexparser, bibutils, a reading of RIS by its letter, and ajv.
import fs from 'node:fs';
import path from 'node:path';

import { beforeAll, describe, expect, it } from 'vitest';

import {
  coinsOf,
  plainText,
  createLibrary,
  EXPORT_FORMATS,
  exportEntries,
  highwireReference,
  type ExportFormat,
} from 'docusaurus-plugin-citations/engine';
import { runCite } from '../support/cite';
import { checkExports, readSource, type SourceReading } from '../support/exportSpec';
import { ROOT } from '../support/paths';

const essay = createLibrary([
  { file: 'essay.bib', text: fs.readFileSync(path.join(ROOT, 'bibliography/essay.bib'), 'utf8') },
]);
const SOURCES = [
  'bibliography/essay.bib',
  'packages/docusaurus-plugin-citations/tests/fixtures/exports/tricky.bib',
  'packages/docusaurus-plugin-citations/tests/fixtures/exports/forging.bib',
  // Markup, scripts and character references in every field kind (issue #13).
  'packages/docusaurus-plugin-citations/tests/fixtures/hostile/refs.bib',
];

/**
 * Each source through `cite export` in every format, read back by independent readers and
 * compared with the source field by field (tests/support/exportSpec.ts says how).
 */
describe.each(SOURCES)('cite export --bib %s', (bib) => {
  const texts: Partial<Record<ExportFormat, string>> = {};
  let source: SourceReading;

  beforeAll(async () => {
    source = readSource(path.join(ROOT, bib));
    await Promise.all(
      EXPORT_FORMATS.map(async (format) => {
        const run = await runCite(
          [
            'export',
            '--all',
            '--format',
            format,
            '--bib',
            bib,
            '--docs',
            'packages/docusaurus-plugin-citations/tests/fixtures/exports',
          ],
          ROOT,
        );
        expect(run.stderr).toBe('');
        expect(run.code).toBe(0);
        texts[format] = run.stdout;
      }),
    );
  }, 300_000);

  it('reads every entry it exports with pybtex first', () => {
    expect(source.entries.length).toBeGreaterThan(0);
    expect(source.entries.map((e) => e.key)).toEqual([...libraryOf(bib).entries.keys()]);
  });

  it.each(EXPORT_FORMATS)(
    '%s: independent readers read back the source',
    (format) => {
      expect(checkExports(source, { [format]: texts[format] })).toEqual([]);
    },
    60_000,
  );
});

function libraryOf(bib: string) {
  return createLibrary([{ file: bib, text: fs.readFileSync(path.join(ROOT, bib), 'utf8') }]);
}

describe('BibTeX and BibLaTeX', () => {
  const tricky = libraryOf(
    'packages/docusaurus-plugin-citations/tests/fixtures/exports/tricky.bib',
  );
  const entries = [...tricky.entries.values()];

  it('keep UTF-8 text and keys with ":" and "/"', () => {
    for (const format of ['biblatex', 'bibtex'] as const) {
      const bib = exportEntries(entries, format);
      expect(bib).toMatch(/^@(online|misc)\{news:tiktok\/2019,$/m);
      expect(bib).toContain('author = {张一鸣 and Иванов, Иван},');
    }
  });

  it('keep exactly the braces that protect case', () => {
    const bib = exportEntries(entries, 'biblatex');
    expect(bib).toContain("title = {{TikTok}'s data practices, 2019--2020},");
    expect(exportEntries(entries, 'bibtex')).toContain(
      'journal = {Journal of {iOS} and {LaTeX} Studies},',
    );
  });

  it('turn biblatex-only commands into what classic documents know', () => {
    const library = createLibrary([
      {
        file: 'r.bib',
        text: '@misc{k, title = {\\NoCaseChange {iOS} and \\mkbibquote{Quoted}}, year = {2020}}',
      },
    ]);
    const entries = [...library.entries.values()];
    expect(exportEntries(entries, 'bibtex')).toContain("title = {{iOS} and ``Quoted''},");
    expect(exportEntries(entries, 'biblatex')).toContain(
      'title = {\\NoCaseChange {iOS} and \\mkbibquote{Quoted}},',
    );
  });

  it('write the day where the format allows it', () => {
    const bibtex = exportEntries([tricky.entries.get('specials2020')!], 'bibtex');
    expect(bibtex).toContain('  year = {2020},\n  month = aug,\n  day = {1},\n');
    expect(exportEntries([tricky.entries.get('specials2020')!], 'biblatex')).toContain(
      '  date = {2020-08-01},\n',
    );
  });

  it('say in a comment what classic BibTeX cannot hold', () => {
    const library = createLibrary([
      {
        file: 'r.bib',
        text: '@online{range, title = {T}, date = {2019-01/2020-06}, url = {https://e.org}}',
      },
    ]);
    const bibtex = exportEntries([...library.entries.values()], 'bibtex');
    expect(bibtex.split('\n')[0]).toBe(
      '% range: classic BibTeX has no field for the date "2019-01/2020-06"; it is kept in "date", which biber reads',
    );
    expect(bibtex).toContain('  date = {2019-01/2020-06},');
  });

  it('refuse a key that would end the entry, saying where it is', () => {
    const library = createLibrary([{ file: 'r.bib', text: '\n@misc{a}b, title = {T}}' }]);
    expect(() => exportEntries([...library.entries.values()], 'bibtex')).toThrow(
      /^r\.bib:2:1: Entry key "a}b" cannot be exported as BibTeX/,
    );
  });
});

describe('RIS', () => {
  it('never folds a line or cuts a key', () => {
    const ris = exportEntries([...essay.entries.values()], 'ris');
    for (const line of ris.split('\n')) expect(line).toMatch(/^([A-Z][A-Z0-9] {2}- .*|ER {2}- |)$/);
    expect(ris).toContain('ID  - techcrunch2018miniprograms\n');
  });
});

describe('Highwire and COinS values', () => {
  const gallagher = essay.entries.get('gallagher2018dragonfly')!.csl;

  it('describe a cited work by its fields', () => {
    expect(highwireReference(gallagher)).toBe(
      'citation_title=Google Plans to Launch Censored Search Engine in China, Leaked Documents Reveal; citation_author=Gallagher, Ryan; citation_publication_date=2018/08/01; citation_journal_title=The Intercept',
    );
    const kev = new URLSearchParams(coinsOf(gallagher));
    expect(kev.get('ctx_ver')).toBe('Z39.88-2004');
    expect(kev.get('rft_val_fmt')).toBe('info:ofi/fmt:kev:mtx:journal');
    expect(kev.get('rft.atitle')).toBe(plainText(gallagher.title!));
    expect(kev.get('rft.jtitle')).toBe('The Intercept');
    expect(kev.getAll('rft.au')).toEqual(['Gallagher, Ryan']);
    expect(kev.get('rft.date')).toBe('2018-08-01');
  });

  it('give a publication date as YYYY/MM/DD or the year alone', () => {
    const radii = essay.entries.get('radii2020klingon')!.csl;
    expect(radii.issued).toEqual({ 'date-parts': [[2020, 3]] });
    expect(highwireReference(radii)).toContain('citation_publication_date=2020;');
  });

  it('name a court as the publisher of a case', () => {
    const beeler = essay.entries.get('beeler2020wechat')!.csl;
    expect(highwireReference(beeler)).toContain(
      'citation_publisher=U.S. District Court for the Northern District of California',
    );
  });

  it('give a web page its address', () => {
    const tiktok = essay.entries.get('tiktok2019statement')!.csl;
    const kev = new URLSearchParams(coinsOf(tiktok));
    expect(kev.get('rft_id')).toBe(tiktok.URL);
    expect(kev.get('rft.title')).toBe(plainText(tiktok.title!));
    expect(highwireReference(tiktok)).toContain(`citation_public_url=${tiktok.URL}`);
  });
});

describe("each entry's own .bib file", () => {
  it('has a name of its own, safe on any disk, even for keys that differ only in punctuation', () => {
    const library = createLibrary([
      {
        file: 'refs.bib',
        text: ['a/b', 'a:b', 'a-b'].map((k) => `@misc{${k}, title={T}}`).join('\n'),
      },
    ]);
    const names = [...library.entries.keys()].map((k) => library.fileNameOf(k));
    expect(names).toEqual(['a-b', 'a-b-2', 'a-b-3']);
  });
});
