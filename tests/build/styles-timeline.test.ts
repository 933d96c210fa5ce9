// Every style on every page, an archived copy for every web source, and a timeline whose
// events land on their passages.
import fs from 'node:fs';
import path from 'node:path';

import { describe, expect, inject, it } from 'vitest';

import { archiveUrl, plainText } from 'docusaurus-plugin-citations/engine';
import { siteContext as context } from '../support/context';
import { CHAPTERS } from '../support/essay';
import { attr, readPage, select, selectAll, text } from '../support/html';
import { ROOT } from '../support/paths';

const buildDir = inject('buildDir');
const styleIds = context.styles.map((s) => s.id);

const withCitations = CHAPTERS.filter((c) =>
  fs.readFileSync(path.join(ROOT, c.source), 'utf8').includes('[@'),
);

it('offers APA, Harvard, Vancouver and Chicago author-date, APA first', () => {
  expect(context.styles.map((s) => s.label)).toEqual([
    'APA',
    'Harvard',
    'Vancouver',
    'Chicago (author-date)',
  ]);
});

describe.each([...withCitations.map((c) => c.path), '/bibliography', '/print', '/timeline'])(
  '%s',
  (pagePath) => {
    const tree = readPage(buildDir, pagePath);

    it('holds every citation in every style', () => {
      for (const citation of selectAll('.citation', tree)) {
        const variants = selectAll(':scope > .citation-variant', citation);
        expect(variants.map((v) => attr(v, 'dataStyle'))).toEqual(styleIds);
        // Vancouver numbers, the others name authors: the renderings really differ.
        expect(new Set(variants.map((v) => text(v))).size).toBeGreaterThan(1);
      }
    });

    it('holds every reference entry in every style, with its place in each style’s order', () => {
      const list = select('ul.references', tree)!;
      expect(attr(list, 'dataDefaultStyle')).toBe('apa');
      const entries = selectAll(':scope > li', list);
      for (const entry of entries) {
        expect(selectAll('.entry-variant', entry).map((v) => attr(v, 'dataStyle'))).toEqual(styleIds);
      }
      for (const id of styleIds) {
        const places = entries.map((e) => new RegExp(`--order-${id}:\\s*(\\d+)`).exec(String(attr(e, 'style')))?.[1]);
        expect([...places].map(Number).sort((a, b) => a - b)).toEqual(entries.map((_, i) => i + 1));
      }
    });

    it('links every web source to its archived copy', () => {
      for (const entry of selectAll('ul.references > li', tree)) {
        const csl = context.library.entries.get(String(attr(entry, 'dataKey')))!.csl;
        const archive = select('a.entry-archive-link', entry);
        if (!csl.URL) {
          expect(archive).toBeUndefined();
          continue;
        }
        const href = String(attr(archive, 'href'));
        expect(href).toBe(archiveUrl(csl));
        // At the publication date as far as it is known; without one, the Wayback Machine's latest copy.
        expect(href).toMatch(
          csl.issued
            ? /^https:\/\/web\.archive\.org\/web\/\d{4}(\d{2}){0,2}\/https?:\/\//
            : /^https:\/\/web\.archive\.org\/web\/https?:\/\//,
        );
        expect(href.endsWith(plainText(csl.URL))).toBe(true);
      }
    });
  },
);

describe('/timeline', () => {
  const tree = readPage(buildDir, '/timeline');
  const events = selectAll('main ol > li', tree);

  it('lists at least 20 dated events, in date order', () => {
    expect(events.length).toBeGreaterThanOrEqual(20);
    const dates = events.map((e) => String(attr(select('time', e), 'dateTime')));
    expect(dates).toEqual([...dates].sort());
    expect(context.timeline!.events).toHaveLength(events.length);
  });

  it('links every event to the passage of the chapter that tells it', () => {
    for (const event of events) {
      const link = selectAll('a', event).find((a) => text(a).startsWith('Read the passage'))!;
      const [page, anchor] = String(attr(link, 'href')).split('#') as [string, string];
      const target = readPage(buildDir, page);
      const passage = select(`a[id="${anchor}"]`, target);
      expect(passage, String(attr(link, 'href'))).toBeDefined();
      const source = context.timeline!.events.find((e) => `passage-${e.id}` === anchor)!;
      const paragraph = selectAll('article p', target).find((p) => selectAll('a', p).includes(passage!));
      expect(text(paragraph)).toContain(source.passage);
    }
  });

  it('resolves every event’s citations to entries of its reference list', () => {
    const ids = new Set(selectAll('[id]', tree).map((e) => attr(e, 'id')));
    const links = selectAll('main .citation a.citation-link', tree);
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) expect(ids.has(String(attr(link, 'href')).slice(1))).toBe(true);
    const cited = new Set(
      context.timeline!.events.flatMap((e) => e.cite?.items.map((i) => i.key) ?? []),
    );
    const listed = selectAll('ul.references > li', tree).map((li) => attr(li, 'dataKey'));
    expect([...listed].sort()).toEqual([...cited].sort());
  });
});
