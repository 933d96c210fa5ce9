// The citations plugin in a second site (tests/sites/second): docs under /docs with number
// prefixes, a blog post, baseUrl /sub/, Vancouver as its only style, its own .bib, timeline and
// print edition. What the plugin knows about it comes from Docusaurus, so all of it must work.
import fs from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { expectNoProblems, waitForHydration } from '../support/browser';
import { parseExport } from '../support/citationjs';
import { attr, readPage, select, selectAll, text } from '../support/html';
import { checkLinks } from '../support/links';
import { ROOT } from '../support/paths';
import { servedBuildForThisFile } from '../support/servedBuild';

const SITE = path.join(ROOT, 'tests/sites/second');
const BASE = '/sub/';
const URL = 'https://second.example.org';

const site = servedBuildForThisFile({
  reuse: 'SECOND_SITE_BUILD_DIR',
  siteDir: SITE,
  base: BASE,
});

/** A page of the build by its path under the base URL ("docs/intro"). */
const page = (p: string) => readPage(site.dir, `/${p}`);

describe('the second site, built', () => {
  it('has every page, asset, download and fragment its HTML links to, under /sub/', () => {
    expect(checkLinks(site.dir, BASE, URL)).toEqual([]);
  });

  it.each([
    ['docs/intro', ['knuth1984literate', 'berners1991www']],
    ['docs/clocks', ['lamport1978time']],
    ['blog/2024/05/01/first-post', ['lamport1978time']],
  ])('renders the citations of /sub/%s in Vancouver, linked to its references', (p, keys) => {
    const tree = page(p);
    const entries = selectAll('article ul.references > li.csl-entry', tree);
    expect(entries.map((e) => attr(e, 'dataKey'))).toEqual(keys);
    // What a reader sees is "(1)" or "(1,2)"; the link may hold the number or the whole of it.
    const citations = selectAll('article .citation', tree);
    expect(citations.length).toBeGreaterThan(0);
    for (const citation of citations) {
      expect(text(citation)).toMatch(/^\(\d+([,–-]\d+)*\)$/);
      const links = selectAll('a.citation-link', citation);
      expect(links.length).toBeGreaterThan(0);
      for (const link of links) {
        expect(entries.map((e) => `#${attr(e, 'id')}`)).toContain(attr(link, 'href'));
      }
    }
    // One style: no choice to offer, no hidden renderings.
    expect(select('.citation-style-switcher', tree)).toBeUndefined();
    expect(select('[data-style]', tree)).toBeUndefined();
  });

  it('names each document’s reference files from its permalink, without the base URL', () => {
    const links = selectAll(
      'article .references-downloads a',
      page('blog/2024/05/01/first-post'),
    ).map((a) => attr(a, 'href'));
    expect(links).toEqual([
      `${BASE}references/blog-2024-05-01-first-post-biblatex.bib`,
      `${BASE}references/blog-2024-05-01-first-post-bibtex.bib`,
      `${BASE}references/blog-2024-05-01-first-post.ris`,
    ]);
    const bib = fs.readFileSync(path.join(site.dir, links[1]!.slice(BASE.length)), 'utf8');
    expect(parseExport(bib, 'bibtex').map((e) => e.id)).toEqual(['lamport1978time']);
  });

  it('lists every entry on /sub/bibliography with the documents that cite it', () => {
    const entries = selectAll('main ul.references > li.csl-entry', page('bibliography'));
    expect(entries.map((e) => attr(e, 'dataKey')).sort()).toEqual([
      'berners1991www',
      'knuth1984literate',
      'lamport1978time',
    ]);
    const lamport = entries.find((e) => attr(e, 'dataKey') === 'lamport1978time');
    expect(selectAll('.cited-in a', lamport).map((a) => attr(a, 'href'))).toEqual([
      `${BASE}docs/clocks#ref-lamport1978time`,
      `${BASE}blog/2024/05/01/first-post#ref-lamport1978time`,
    ]);
  });

  it('links the timeline’s event to its passage in the number-prefixed document', () => {
    const link = selectAll('main ol > li a', page('timeline')).find((a) =>
      text(a).startsWith('Read the passage'),
    );
    expect(attr(link, 'href')).toBe(`${BASE}docs/clocks#passage-clocks-paper`);
  });

  it('prints both documents on one page with no id twice, and one list of references', () => {
    const tree = page('print');
    const ids = selectAll('[id]', tree).map((e) => attr(e, 'id'));
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    expect(selectAll('h2.print-chapter', tree).map((h) => text(h))).toEqual([
      'Introduction',
      'Clocks',
    ]);
    // Both documents' footnotes, each under its own name.
    expect(ids).toEqual(
      expect.arrayContaining(['docs-intro-user-content-fn-1', 'docs-clocks-user-content-fn-1']),
    );
    expect(selectAll('main h2#references', tree)).toHaveLength(1);
    expect(
      selectAll('main ul.references > li', tree).map((li) => attr(li, 'dataKey')),
    ).toHaveLength(3);
  });

  it('gives the blog post, which has no description, its first line with the citation as on the page', () => {
    const tree = page('blog/2024/05/01/first-post');
    const description = attr(select('meta[name="description"]', tree), 'content');
    // Numbered in reading order, the work it cites is the site's third, not the page's first:
    // a first build reads front matter before Docusaurus knows the other documents.
    expect(text(select('article .citation', tree))).toBe('(3)');
    expect(description).toBe('A blog post cites too (3), and gets its own references.');
  });
});

describe('the second site, in Chromium', () => {
  it('serves a document, the blog post and the bibliography under /sub/ without errors', async () => {
    for (const p of ['docs/intro', 'blog/2024/05/01/first-post', 'bibliography', 'print']) {
      const tab = await site.browser.newPage();
      const failed: string[] = [];
      tab.on('response', (r) => {
        if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
      });
      await tab.goto(site.origin + BASE + p);
      await waitForHydration(tab);
      await tab.waitForLoadState('networkidle');
      expect(failed, p).toEqual([]);
      await expectNoProblems(tab);
      await site.browser.closePages();
    }
  });

  it('downloads an entry’s .bib from under /sub/', async () => {
    const tab = await site.browser.newPage({ acceptDownloads: true });
    await tab.goto(`${site.origin}${BASE}docs/intro`);
    await waitForHydration(tab);
    // The entry's actions are built in the browser when its "Cite" is used: their links must
    // carry the base URL too (the check of the built HTML above cannot see them).
    const entry = tab.locator('article ul.references > li[data-key="knuth1984literate"]');
    await entry.getByRole('button', { name: 'Cite', exact: true }).click();
    const [download] = await Promise.all([
      tab.waitForEvent('download'),
      entry.getByRole('link', { name: 'Download BibTeX (.bib)', exact: true }).click(),
    ]);
    expect(new globalThis.URL(download.url()).pathname).toBe(
      `${BASE}references/entries/knuth1984literate-bibtex.bib`,
    );
    const bib = fs.readFileSync(await download.path(), 'utf8');
    expect(parseExport(bib, 'bibtex').map((e) => e.id)).toEqual(['knuth1984literate']);
    await expectNoProblems(tab);
  });
});
