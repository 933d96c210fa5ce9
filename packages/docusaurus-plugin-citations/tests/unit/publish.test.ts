// What the site publishes of its library (as pandoc's `nocite`), and the one line that says what
// it leaves out.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  applyUncitedPolicy,
  checkSite,
  CitationError,
  createLibrary,
  formatDiagnostic,
  listDocuments,
  loadContext,
  selectPublished,
  siteScope,
  summarizeUncited,
} from '../../src/citations';
import { resolveOptions as validateOptions } from '../../src/plugin/options';

const entry = (key: string, year = 2000) =>
  `@book{${key},\n  author = {Doe, Jane},\n  title = {Book ${key}},\n  date = {${year}},\n}\n`;

const library = createLibrary([
  { file: 'bibliography/essay.bib', text: entry('a') + entry('b') + entry('c') },
  { file: 'bibliography/more.bib', text: entry('d') + entry('e') },
]);

describe('selectPublished', () => {
  it('publishes what the pages cite, in library order, and leaves out the rest', () => {
    const selection = selectPublished(library, ['d', 'a', 'a'], []);
    expect(selection.published).toEqual(['a', 'd']);
    expect(selection.leftOut.map((e) => e.key)).toEqual(['b', 'c', 'e']);
    expect(selection.unknown).toEqual([]);
  });

  it('adds the entries nocite names, and says which nocite keys no .bib file holds', () => {
    const selection = selectPublished(library, ['a'], ['e', 'nope', 'c']);
    expect(selection.published).toEqual(['a', 'c', 'e']);
    expect(selection.leftOut.map((e) => e.key)).toEqual(['b', 'd']);
    expect(selection.unknown).toEqual(['nope']);
  });

  it('publishes every entry for nocite "*"', () => {
    const selection = selectPublished(library, [], ['*']);
    expect(selection.published).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(selection.leftOut).toEqual([]);
  });

  it('ignores cited keys that no .bib file holds (they are reported where they are cited)', () => {
    expect(selectPublished(library, ['zzz', 'b'], []).published).toEqual(['b']);
  });

  it('gives each left-out entry its place in its file', () => {
    const [first] = selectPublished(library, ['a', 'b', 'c', 'd'], []).leftOut;
    expect(first).toMatchObject({ key: 'e', file: 'bibliography/more.bib', line: 6, column: 1 });
  });
});

describe('summarizeUncited', () => {
  const uncited = (counts: Record<string, number>) =>
    Object.entries(counts).flatMap(([file, n]) =>
      Array.from({ length: n }, (_, i) => ({ key: `${file}-${i}`, file, line: 1 + i, column: 1 })),
    );

  it('says nothing when every entry is cited', () => {
    expect(summarizeUncited([])).toBeUndefined();
  });

  it('counts a big library in one line, with what to do about it', () => {
    expect(summarizeUncited(uncited({ 'big.bib': 10000 }))).toBe(
      '10,000 entries in big.bib are not cited; they are left out of the site — list them with `cite list --uncited` or publish them with nocite',
    );
  });

  it('counts per file when several files have entries left out', () => {
    expect(summarizeUncited(uncited({ 'essay.bib': 4, 'big.bib': 10000 }))).toBe(
      '10,004 entries are not cited (4 in essay.bib, 10,000 in big.bib); they are left out of the site — list them with `cite list --uncited` or publish them with nocite',
    );
  });

  it('names the entries when there are only a few', () => {
    expect(summarizeUncited(uncited({ 'essay.bib': 1 }))).toBe(
      '1 entry in essay.bib is not cited ("essay.bib-0"); it is left out of the site — list it with `cite list --uncited` or publish it with nocite',
    );
    expect(summarizeUncited(uncited({ 'a.bib': 2, 'b.bib': 1 }))).toBe(
      '3 entries are not cited ("a.bib-0" and "a.bib-1" in a.bib, "b.bib-0" in b.bib); they are left out of the site — list them with `cite list --uncited` or publish them with nocite',
    );
  });
});

describe('applyUncitedPolicy', () => {
  const left = selectPublished(library, ['a'], []).leftOut.map((e) => ({
    key: e.key,
    file: e.file,
    line: e.line,
    column: e.column,
    ruleId: 'uncited-entry' as const,
    message: `Entry "${e.key}" is not cited in any document, so the site leaves it out`,
  }));

  it('warns once, with the summary, however many entries there are', () => {
    const warned: string[] = [];
    applyUncitedPolicy(left, 'warn', (m) => warned.push(m));
    applyUncitedPolicy(left, 'warn', (m) => warned.push(m));
    expect(warned).toEqual([
      '4 entries are not cited (2 in bibliography/essay.bib, 2 in bibliography/more.bib); they are left out of the site — list them with `cite list --uncited` or publish them with nocite',
    ]);
  });

  it('stops the build with every entry at its place when told to throw', () => {
    expect(() => applyUncitedPolicy(left, 'throw', () => {})).toThrowError(CitationError);
    expect(() => applyUncitedPolicy(left, 'throw', () => {})).toThrowError(
      'bibliography/essay.bib:6:1: Entry "b" is not cited in any document, so the site leaves it out',
    );
  });

  it('says nothing when told to ignore', () => {
    const warned: string[] = [];
    applyUncitedPolicy(left, 'ignore', (m) => warned.push(m));
    expect(warned).toEqual([]);
  });
});

describe('the nocite option', () => {
  it('is empty by default: the site publishes what it cites', () => {
    expect(validateOptions({}).nocite).toEqual([]);
  });

  it('takes keys, or "*" for every entry', () => {
    expect(validateOptions({ nocite: ['a', 'b'] }).nocite).toEqual(['a', 'b']);
    expect(validateOptions({ nocite: ['*'] }).nocite).toEqual(['*']);
  });

  it('names a value that is not a list of keys', () => {
    expect(() => validateOptions({ nocite: '*' })).toThrowError(
      'Citation option "nocite" must be a list of citation keys, or ["*"] for every entry; got "*".',
    );
    expect(() => validateOptions({ nocite: ['a', ''] })).toThrowError(
      'Citation option "nocite[1]" must be a non-empty string; got "".',
    );
  });
});

describe('the problems of what the site publishes', () => {
  const bib = [
    // A LaTeX command the site cannot show, in an entry the site may leave out.
    '@book{odd,\n  title = {A \\weird{} title},\n  date = {2000},\n}\n',
    // A date that does not exist, in an entry the site publishes.
    '@book{cited,\n  title = {Cited},\n  date = {2020-02-30},\n}\n',
    // A chapter whose book has a field that uses an undefined macro.
    '@incollection{chapter,\n  title = {Chapter},\n  crossref = {book},\n  date = {2001},\n}\n',
    '@book{book,\n  title = nobook,\n  date = {2001},\n}\n',
    // Broken syntax stops every site that reads the file, whatever it cites.
    '@book{broken,\n  title = {A}\n  date = {2000},\n}\n',
  ].join('');
  const lib = createLibrary([{ file: 'refs.bib', text: bib }]);
  const lines = (keys: string[]) => lib.problemsOf(keys).errors.map(formatDiagnostic);

  it('are the files’ syntax and the fields of the published entries only', () => {
    expect(lines(['cited'])).toEqual([
      'refs.bib:7:10: Entry "cited": date = {2020-02-30} is not a date that exists',
      'refs.bib:20:3: Malformed BibTeX: missing "," before this field',
    ]);
  });

  it('include those of the entries a published one inherits from', () => {
    expect(lines(['chapter'])).toEqual([
      'refs.bib:15:11: Entry "book": field "title" uses "nobook", which no @string in this file defines; define it, or put the text in braces: {nobook}',
      'refs.bib:20:3: Malformed BibTeX: missing "," before this field',
    ]);
  });

  it('are every entry’s when the whole library is asked for', () => {
    expect(lib.diagnostics.map(formatDiagnostic)).toEqual([
      'refs.bib:2:14: Entry "odd": field "title": the LaTeX command \\weird is not one this site can show (readers would see "\\weird"); write the text it stands for',
      'refs.bib:7:10: Entry "cited": date = {2020-02-30} is not a date that exists',
      'refs.bib:15:11: Entry "book": field "title" uses "nobook", which no @string in this file defines; define it, or put the text in braces: {nobook}',
      'refs.bib:20:3: Malformed BibTeX: missing "," before this field',
    ]);
  });
});

describe('a site with entries it does not cite', () => {
  let dir: string;
  const site = (nocite: string[]) => {
    const context = loadContext(validateOptions({ bibliography: ['refs.bib'], nocite }), dir);
    const report = checkSite(context, listDocuments(path.join(dir, 'docs')));
    return { scope: siteScope(context, report.documents), report };
  };

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'publish-'));
    fs.mkdirSync(path.join(dir, 'docs'));
    fs.writeFileSync(path.join(dir, 'docs/page.mdx'), 'As shown [@c], and [@a].\n');
    // b has a date that does not exist: the site does not publish it, so it is not checked.
    fs.writeFileSync(
      path.join(dir, 'refs.bib'),
      entry('a') + entry('b').replace('{2000}', '{2000-02-30}') + entry('c') + entry('d'),
    );
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('renders and exports what it cites, in reading order, then what nocite adds', () => {
    expect(site([]).scope.keys).toEqual(['c', 'a']);
    expect(site(['d']).scope.keys).toEqual(['c', 'a', 'd']);
    expect(site(['*']).scope.keys).toEqual(['c', 'a', 'b', 'd']);
  });

  it('reports what it leaves out, and checks what it publishes', () => {
    const { report } = site(['d']);
    expect(report.published).toEqual(['a', 'c', 'd']);
    expect(report.uncited.map((u) => u.key)).toEqual(['b']);
    expect(report.diagnostics).toEqual([]);
    const all = site(['*']).report;
    expect(all.uncited).toEqual([]);
    expect(all.diagnostics.map(formatDiagnostic)).toEqual([
      'refs.bib:9:10: Entry "b": date = {2000-02-30} is not a date that exists',
    ]);
  });

  it('stops at a nocite key that no .bib file holds, naming the closest one', () => {
    expect(() => site(['dd'])).toThrowError(
      'Citation option "nocite" names "dd", which is in no .bib file; did you mean "d"?',
    );
  });
});
