// Citations in the built site: every link lands, every back-link returns, the bibliography
// lists everything once, and the build needs no network.
import fs from 'node:fs';
import path from 'node:path';

import type { Element } from 'hast';
import { describe, expect, inject, it } from 'vitest';

import { CHAPTERS } from '../support/essay';
import { attr, readPage, select, selectAll, text } from '../support/html';
import { citationsIn as citationsInSource, siteContext as context } from '../support/context';

const buildDir = inject('buildDir');

const cited = CHAPTERS.filter((page) => citationsInSource(page.source).length > 0);

describe.each(cited)('$path', (page) => {
  const tree = readPage(buildDir, page.path);
  const byId = new Map(selectAll('[id]', tree).map((e) => [attr(e, 'id')!, e]));
  const links = selectAll('article .citation a.citation-link', tree);
  const entries = selectAll('article ul.references > li.csl-entry', tree);

  it('renders every citation of the source', () => {
    expect(selectAll('article .citation', tree)).toHaveLength(citationsInSource(page.source).length);
    expect(selectAll('article .citation-unresolved', tree)).toHaveLength(0);
    expect(text(select('article', tree))).not.toMatch(/\[-?@[\w:/]+/);
  });

  it('links every citation to an entry of its own reference list', () => {
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) {
      const target = byId.get(attr(link, 'href')!.slice(1));
      expect(target?.tagName, attr(link, 'href')).toBe('li');
      expect(entries).toContain(target);
    }
  });

  it('links every entry back to each citation of it', () => {
    for (const entry of entries) {
      const back = selectAll('.citation-backlinks a', entry);
      expect(back.length, attr(entry, 'id')).toBeGreaterThan(0);
      for (const link of back) {
        // Back-links return to the anchor that opens each citation (the same in every style).
        const target = byId.get(attr(link, 'href')!.slice(1)) as Element | undefined;
        expect(target?.tagName).toBe('a');
        expect(attr(target, 'className')!.split(' ')).toContain('citation-anchor');
        const cluster = selectAll('article .citation', tree).find((c) => selectAll('a', c).includes(target!));
        expect(attr(cluster, 'dataCites')!.split(' ')).toContain(attr(entry, 'dataKey'));
      }
    }
  });

  it('has a References heading, in the table of contents when the page shows one', () => {
    const heading = select('article h2#references', tree);
    expect(text(heading)).toBe('References');
    // A table of contents of one entry is left out (issue #18): it lists more, or is not there.
    const contents = selectAll('.table-of-contents a', tree);
    if (contents.length > 0) {
      expect(contents.length).toBeGreaterThan(1);
      expect(select('.table-of-contents a[href="#references"]', tree)).toBeDefined();
    } else {
      expect(selectAll('article h2[id]:not(#cite-this)', tree).map((h) => attr(h, 'id'))).toEqual([
        'references',
      ]);
    }
  });

  it('shows only http(s) links in references, and one "Cite" per entry, naming its own files', () => {
    for (const a of selectAll('ul.references a', tree)) {
      expect(attr(a, 'href')).toMatch(/^(https?:\/\/|#)/);
    }
    // The actions (copy, download) are built in the browser, from the button's data-file, when
    // the reader opens them (src/clientModules/lazy/entryActions.ts): the page holds the button.
    for (const entry of entries) {
      const buttons = selectAll('button', entry);
      expect(buttons.map((b) => [text(b), attr(b, 'className'), attr(b, 'ariaExpanded')])).toEqual([
        ['Cite', 'entry-actions', 'false'],
      ]);
      const file = attr(buttons[0], 'dataFile')!;
      expect(file).toMatch(/^references\/entries\/[\w.-]+$/);
      // Each entry's files are its own in the build, holding that entry alone.
      for (const suffix of ['-biblatex.bib', '-bibtex.bib']) {
        const bib = fs.readFileSync(path.join(buildDir, `${file}${suffix}`), 'utf8');
        expect(bib.match(/^@\w+\{[^,]+,/gm)).toEqual([`@${/^@(\w+)/m.exec(bib)![1]}{${attr(entry, 'dataKey')},`]);
      }
    }
  });
});

describe('/bibliography', () => {
  const tree = readPage(buildDir, '/bibliography');
  const entries = selectAll('main ul.references > li.csl-entry', tree);

  it('lists every entry of the .bib files exactly once', () => {
    const keys = entries.map((e) => attr(e, 'dataKey'));
    expect([...keys].sort()).toEqual([...context.library.entries.keys()].sort());
  });

  it('lists entries in the style’s (APA: alphabetical) order', () => {
    // citeproc sorts by author (or title, without one), ignoring punctuation and case.
    const sortable = entries.map((e) => text(e).replace(/[“”‘’"]/g, '').toLowerCase());
    expect(sortable).toEqual([...sortable].sort((a, b) => a.localeCompare(b, 'en')));
  });

  it('links each entry to the chapters that cite it, landing on their entries', () => {
    for (const entry of entries) {
      const citedIn = selectAll('.cited-in a', entry);
      expect(citedIn.length, attr(entry, 'dataKey')).toBeGreaterThan(0);
      for (const link of citedIn) {
        const [pagePath, id] = attr(link, 'href')!.split('#') as [string, string];
        expect(id).toBe(attr(entry, 'id'));
        const page = readPage(buildDir, pagePath);
        expect(select(`li.csl-entry[data-key="${attr(entry, 'dataKey')}"]`, page), attr(link, 'href')).toBeDefined();
        expect(attr(select(`li.csl-entry[data-key="${attr(entry, 'dataKey')}"]`, page), 'id')).toBe(id);
      }
    }
  });

  it('has no section of uncited entries, since every entry is cited', () => {
    expect(select('#not-cited', tree)).toBeUndefined();
  });
});

describe('the build', () => {
  const output = inject('buildOutput');

  it.runIf(output !== '')('ran with the network cut off and never tried to reach it', () => {
    expect(output).toContain('[SUCCESS]');
    expect(output).not.toContain('[offline] blocked');
  });
});

describe('the search index', () => {
  const index = fs.readFileSync(path.join(buildDir, 'search-index.json'), 'utf8');

  it('holds each reference once, in the default style, without the buttons around it', () => {
    // APA (the default) as shown on /google; the other styles' renderings are not indexed.
    expect(index).toContain('Gallagher, R. (2018, August 1). Google');
    expect(index).not.toMatch(/Gallagher, R\. \(2018\) (“|\\u201c)Google/); // Harvard
    expect(index).not.toContain('Gallagher R. Google'); // Vancouver
    expect(index).not.toContain('Gallagher, Ryan. 2018'); // Chicago
    for (const label of ['Copy BibLaTeX', 'Copy BibTeX', 'Download BibTeX', 'Archived copy', 'Cite this chapter']) {
      expect(index).not.toContain(label);
    }
  });
});
