// How we read .bib files, held against readers that are not ours: biber (biblatex's own
// backend) for crossref and xdata inheritance, pandoc's biblatex reader for dates.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { createLibrary } from '../../src/citations';
import { resolveInheritance } from '../../src/citations/bibinherit';
import { readBibFile, type BibRecord } from '../../src/citations/bibtex';
import { FIXTURES } from '../support/paths';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bib-readers-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** biber's reading of a file: each entry's fields, after crossref and xdata inheritance. */
function biber(file: string): Map<string, Record<string, string>> {
  const out = path.join(tmp, 'biber-out.bib');
  execFileSync('biber', ['--tool', '--output-resolve', `--output-file=${out}`, file], {
    cwd: tmp,
    stdio: 'pipe',
  });
  const entries = new Map<string, Record<string, string>>();
  for (const block of fs.readFileSync(out, 'utf8').split(/\n(?=@)/)) {
    const head = /^@(\w+)\{([^,]+),/.exec(block.trim());
    if (!head) continue;
    const fields: Record<string, string> = {};
    for (const m of block.matchAll(/^\s+([A-Z+:-]+) = \{(.*)\},$/gm)) {
      fields[m[1]!.toLowerCase()] = m[2]!;
    }
    entries.set(head[2]!, fields);
  }
  return entries;
}

describe('crossref and xdata, against biber --output-resolve', () => {
  it('inherits exactly the fields biber inherits, across two files', () => {
    const dir = path.join(FIXTURES, 'bib-crossref');
    const files = ['refs.bib', 'more.bib'].map((f) => path.join(dir, f));
    // biber reads one file at a time: it gets both as one.
    const joined = path.join(tmp, 'crossref.bib');
    fs.writeFileSync(joined, files.map((f) => fs.readFileSync(f, 'utf8')).join('\n'));
    const theirs = biber(joined);

    const records = new Map<string, BibRecord>();
    for (const file of files) {
      for (const r of readBibFile(file, fs.readFileSync(file)).records) records.set(r.key, r);
    }
    const ours = resolveInheritance(records);
    expect(ours.diagnostics).toEqual([]);
    expect([...ours.fields.keys()].sort()).toEqual([...theirs.keys()].sort());
    for (const [key, fields] of ours.fields) {
      expect(fields, key).toEqual(theirs.get(key));
    }
    // The point of it: a chapter gets its book's title, editor and publisher.
    expect(ours.fields.get('smith2001')).toMatchObject({
      booktitle: 'The Edited Book',
      editor: 'Jones, Bob',
      publisher: 'Big Press',
    });
  });
});

describe('dates, against pandoc --from biblatex', () => {
  // Open ends, approximate dates, ranges. Not here: an open end of a day, which pandoc writes as
  // [0] and citeproc-js refuses (both ends must have as many parts), and "2019/..", which
  // pandoc drops and biber reads as "2019/".
  const bib = [
    '@misc{open, title = {T}, date = {2019/}}',
    '@misc{circa, title = {T}, date = {2020~}}',
    '@misc{day, title = {T}, date = {2020-03-05}}',
    '@misc{years, title = {T}, date = {2019/2020}}',
    '@misc{months, title = {T}, date = {2020-03/2020-05}}',
    '@misc{circarange, title = {T}, date = {2019~/2020}}',
    '@misc{others, title = {T}, urldate = {2020-03-05}, eventdate = {2019/}, origdate = {1850~}}',
  ].join('\n');

  it('reads every date as pandoc does', () => {
    const file = path.join(tmp, 'dates.bib');
    fs.writeFileSync(file, bib);
    const theirs = JSON.parse(
      execFileSync('pandoc', ['--from', 'biblatex', '--to', 'csljson', file], { encoding: 'utf8' }),
    ) as Record<string, unknown>[];
    const library = createLibrary([{ file: 'dates.bib', text: bib }]);
    expect(library.diagnostics).toEqual([]);
    const dates = (item: Record<string, unknown>) =>
      Object.fromEntries(
        ['issued', 'accessed', 'event-date', 'original-date']
          .filter((v) => item[v] !== undefined)
          .map((v) => [v, item[v]]),
      );
    expect(theirs.map((t) => t.id)).toEqual([...library.entries.keys()]);
    for (const item of theirs) {
      expect(dates(library.entries.get(String(item.id))!.csl), String(item.id)).toEqual(
        dates(item),
      );
    }
  });
});
