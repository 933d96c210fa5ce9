// /print: the whole essay on one page, with one combined bibliography.
import { describe, expect, inject, it } from 'vitest';

import config from '../../docusaurus.config';
import { loadContext, validateOptions } from '../../src/citations';
import { CHAPTERS } from '../support/essay';
import { attr, readPage, select, selectAll, text } from '../support/html';
import { ROOT } from '../support/paths';

const buildDir = inject('buildDir');
const context = loadContext(validateOptions(config.customFields?.citations), ROOT);

describe('/print', () => {
  const tree = readPage(buildDir, '/print');
  const article = select('main article', tree);

  it('holds the introduction and every chapter, in reading order', () => {
    const chapters = selectAll('h2.print-chapter', article);
    expect(chapters.map((h) => text(h))).toEqual(CHAPTERS.map((c) => c.title));
    expect(chapters.map((h) => attr(h, 'dataPermalink'))).toEqual(CHAPTERS.map((c) => c.path));
  });

  it('holds every paragraph of every chapter', () => {
    // Citations are disambiguated per document ("2020" on a page may be "2020b" in print), so
    // compare the words around them.
    const words = (s: string) => s.replace(/\s*\([^()]*\d{4}[a-z]?[^()]*\)/g, '').replace(/\s+/g, ' ');
    const printed = words(text(article));
    for (const chapter of CHAPTERS) {
      const page = readPage(buildDir, chapter.path);
      for (const p of selectAll('article .theme-doc-markdown > p', page)) {
        expect(printed, chapter.path).toContain(words(text(p)));
      }
    }
  });

  it('ends with one bibliography holding every cited entry once', () => {
    expect(selectAll('h2#references', article)).toHaveLength(1);
    const keys = selectAll('ul.references > li.csl-entry', article).map((li) => attr(li, 'dataKey'));
    expect([...keys].sort()).toEqual([...context.library.entries.keys()].sort());
  });

  it('links every citation to that bibliography', () => {
    const ids = new Set(selectAll('[id]', tree).map((e) => attr(e, 'id')));
    const links = selectAll('a.citation-link', article);
    expect(links.length).toBeGreaterThan(20);
    for (const link of links) expect(ids.has(attr(link, 'href')!.slice(1))).toBe(true);
  });

  it('keeps the editor’s notes', () => {
    const notes = selectAll('.theme-admonition', article).map((n) => text(n));
    expect(notes.filter((n) => n.startsWith('Editor’s note')).length).toBeGreaterThanOrEqual(9);
  });
});
