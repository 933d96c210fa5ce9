// /print: the whole essay on one page, with one combined bibliography.
import type { Element, Root } from 'hast';
import { describe, expect, inject, it } from 'vitest';

import { CHAPTERS } from '../support/essay';
import { attr, readPage, select, selectAll, text } from '../support/html';
import { siteContext as context } from '../support/context';

const buildDir = inject('buildDir');

/** A copy of the tree without its citations. */
function withoutCitations<T extends Element | Root | undefined>(node: T): T {
  if (!node) return node;
  const copy = structuredClone(node) as Element | Root;
  const strip = (n: Element | Root) => {
    n.children = n.children.filter(
      (c) => !(c.type === 'element' && String(c.properties.className ?? '').includes('citation')),
    ) as typeof n.children;
    for (const c of n.children) if (c.type === 'element') strip(c);
  };
  strip(copy);
  return copy as T;
}

describe('/print', () => {
  const tree = readPage(buildDir, '/print');
  const article = select('main article', tree);

  it('holds the introduction and every chapter, in reading order', () => {
    const chapters = selectAll('h2.print-chapter', article);
    expect(chapters.map((h) => text(h))).toEqual(
      CHAPTERS.map((c) => (c.path === '/' ? 'Introduction' : c.title)),
    );
    expect(text(select('h1', article))).toBe(CHAPTERS[0]!.title);
    expect(chapters.map((h) => attr(h, 'dataPermalink'))).toEqual(CHAPTERS.map((c) => c.path));
  });

  it('holds every paragraph of every chapter', () => {
    // Each page's citations carry ids and back-links of their own, so compare the words around
    // them.
    const words = (node: Element | Root | undefined) =>
      text(withoutCitations(node)).replace(/\s+/g, ' ');
    const printed = words(article);
    for (const chapter of CHAPTERS) {
      const page = readPage(buildDir, chapter.path);
      // The essay's paragraphs (the ones the site adds, such as download links, have a class).
      for (const p of selectAll('article .theme-doc-markdown > p:not([class])', page)) {
        expect(printed, chapter.path).toContain(words(p));
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

  it('keeps every editor’s note of every chapter', () => {
    const notesOf = (node: Element | Root | undefined) =>
      selectAll('.theme-admonition', node)
        .map((n) => text(withoutCitations(n)))
        .filter((n) => n.startsWith('Editor’s note'));
    const inChapters = CHAPTERS.flatMap((c) => notesOf(select('article', readPage(buildDir, c.path))));
    expect(inChapters.length).toBeGreaterThanOrEqual(10);
    expect(notesOf(article)).toEqual(inChapters);
  });
});
