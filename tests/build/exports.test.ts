// What leaves the site for reference managers: export files, "Cite this", Highwire tags,
// schema.org JSON-LD and COinS, checked against the library they come from.
import fs from 'node:fs';
import path from 'node:path';

import { describe, expect, inject, it } from 'vitest';

import { plainText } from '../../src/citations';
import { parseExport } from '../support/citationjs';
import { citedKeysIn as citedKeys, siteContext as context } from '../support/context';
import { CHAPTERS, PAGES } from '../support/essay';
import { attr, readPage, select, selectAll, text, toString } from '../support/html';

const buildDir = inject('buildDir');
const allKeys = [...context.library.entries.keys()];

const cited = CHAPTERS.filter((p) => citedKeys(p.source).length > 0);

describe('the whole bibliography', () => {
  it.each([
    ['bibliography.bib', 'bibtex'],
    ['bibliography.ris', 'ris'],
    ['bibliography.json', 'csl-json'],
  ] as const)('%s reads back into every entry, keys and text intact', (file, format) => {
    const back = parseExport(fs.readFileSync(path.join(buildDir, file), 'utf8'), format);
    expect(back.map((b) => b.id).sort()).toEqual([...allKeys].sort());
    for (const b of back) {
      const source = context.library.entries.get(String(b.id))!.csl;
      expect(plainText(String(b.title))).toBe(plainText(source.title!));
    }
  });

  it('keeps typographic quotes as they are (UTF-8, not LaTeX escapes)', () => {
    const bib = fs.readFileSync(path.join(buildDir, 'bibliography.bib'), 'utf8');
    expect(bib).toContain('can’t innovate');
    expect(bib).toContain('National People’s Congress');
  });

  it('is offered for download on /bibliography', () => {
    const tree = readPage(buildDir, '/bibliography');
    const hrefs = selectAll('main .references-downloads a', tree).map((a) => attr(a, 'href'));
    expect(hrefs).toEqual(['/bibliography.bib', '/bibliography.ris', '/bibliography.json']);
  });
});

describe.each(cited)('$path', (page) => {
  const tree = readPage(buildDir, page.path);
  const keys = citedKeys(page.source);
  const canonical = attr(select('link[rel="canonical"]', tree), 'href');

  it('offers its own references as .bib and .ris, holding exactly the works it cites', () => {
    const links = selectAll('article .references-downloads a', tree);
    expect(links.map((a) => text(a))).toEqual(['BibTeX (.bib)', 'RIS (.ris)']);
    for (const [link, format] of [
      [links[0], 'bibtex'],
      [links[1], 'ris'],
    ] as const) {
      const file = path.join(buildDir, attr(link, 'href')!);
      const back = parseExport(fs.readFileSync(file, 'utf8'), format);
      expect(back.map((b) => b.id).sort()).toEqual([...keys].sort());
    }
  });

  it('describes itself and each cited work in Highwire tags', () => {
    const meta = (name: string) => selectAll(`meta[name="${name}"]`, tree).map((m) => attr(m, 'content'));
    expect(meta('citation_title')).toEqual([page.title]);
    expect(meta('citation_public_url')).toEqual([canonical]);
    expect(meta('citation_publication_date')).toEqual([
      context.options.edition!.issued.replaceAll('-', '/'),
    ]);
    expect(meta('citation_publisher')).toEqual(['Digital Divide']);
    const references = meta('citation_reference');
    expect(references).toHaveLength(keys.length);
    for (const key of keys) {
      const title = plainText(context.library.entries.get(key)!.csl.title!).replaceAll(';', ',');
      expect(references.filter((r) => r!.includes(`citation_title=${title};`) || r!.endsWith(`citation_title=${title}`))).toHaveLength(1);
    }
  });

  it('is a schema.org Article listing the works it cites', () => {
    const scripts = selectAll('script[type="application/ld+json"]', tree).map((s) =>
      JSON.parse(text(s)) as Record<string, unknown>,
    );
    const article = scripts.find((s) => s['@type'] === 'Article')!;
    expect(article.headline).toBe(page.title);
    expect(article.url).toBe(canonical);
    const names = (article.citation as { name: string }[]).map((c) => c.name).sort();
    expect(names).toEqual(keys.map((k) => plainText(context.library.entries.get(k)!.csl.title!)).sort());
  });
});

describe.each(PAGES.filter((p) => p.path !== '/about'))('Cite this on $path', (page) => {
  const tree = readPage(buildDir, page.path);
  const box = select('section[aria-labelledby="cite-this"]', tree);

  it('shows the page’s citation in the site’s style, as BibTeX and as RIS', () => {
    expect(text(select('h2#cite-this', box))).toBe(page.path === '/' ? 'Cite this essay' : 'Cite this chapter');
    const formatted = text(select('[data-testid="cite-this-formatted"]', box));
    expect(formatted).toContain(page.title);
    expect(attr(select('[data-style]', box), 'dataStyle')).toBe(context.styles[0]!.id);
    expect(formatted).toContain(attr(select('link[rel="canonical"]', tree), 'href'));
    const [bibtex, ris] = selectAll('pre code', box).map((c) => toString(c));
    const [fromBib] = parseExport(bibtex!, 'bibtex');
    const [fromRis] = parseExport(ris!, 'ris');
    for (const item of [fromBib, fromRis]) {
      expect(item!.URL).toBe(attr(select('link[rel="canonical"]', tree), 'href'));
      expect(item!.title).toBe(page.title);
    }
  });

  it('has a copy button for each form, carrying exactly the text shown', () => {
    const shown = selectAll('pre code', box).map((c) => toString(c));
    const buttons = selectAll('button[data-copy-text]', box);
    expect(buttons.slice(-2).map((b) => String(attr(b, 'dataCopyText')))).toEqual(shown);
    // The formatted citation, once per style, each with its own button.
    const formatted = selectAll('[data-testid="cite-this-formatted"]', box);
    expect(formatted.length).toBe(context.styles.length);
    expect(buttons).toHaveLength(formatted.length + 2);
    formatted.forEach((p, i) => expect(String(attr(buttons[i], 'dataCopyText'))).toBe(text(p)));
  });
});

describe('the About page', () => {
  it('is not a chapter and has no "Cite this" box', () => {
    expect(select('#cite-this', readPage(buildDir, '/about'))).toBeUndefined();
  });
});

describe('/bibliography', () => {
  const tree = readPage(buildDir, '/bibliography');

  it('has a COinS span on every entry, matching the entry', () => {
    const entries = selectAll('main li.csl-entry', tree);
    expect(entries).toHaveLength(allKeys.length);
    for (const entry of entries) {
      const kev = new URLSearchParams(String(attr(select('span.Z3988', entry), 'title')));
      const csl = context.library.entries.get(String(attr(entry, 'dataKey')))!.csl;
      const title = kev.get('rft.atitle') ?? kev.get('rft.btitle') ?? kev.get('rft.title');
      expect(title).toBe(plainText(csl.title!));
      expect(kev.get('rft_id')).toBe(csl.URL ?? null);
      // An entry whose date is not confirmed has none, and says none.
      const year = csl.issued?.['date-parts']?.[0]?.[0];
      expect(kev.get('rft.date')?.slice(0, 4) ?? null).toBe(year === undefined ? null : String(year));
    }
  });

  it('gives every entry "Copy BibTeX" and "Download .bib"', () => {
    for (const entry of selectAll('main li.csl-entry', tree)) {
      const key = String(attr(entry, 'dataKey'));
      // The button copies what the link beside it points to: the entry's own file.
      const copy = select('button[data-copy-link]', entry);
      expect(text(copy)).toBe('Copy BibTeX');
      const download = select('a[download]', entry);
      expect(attr(download, 'download')).toMatch(/\.bib$/);
      const file = fs.readFileSync(path.join(buildDir, String(attr(download, 'href'))), 'utf8');
      expect(parseExport(file, 'bibtex').map((item) => item.id)).toEqual([key]);
    }
  });
});
