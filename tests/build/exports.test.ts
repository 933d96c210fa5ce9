// What leaves the site for reference managers: export files, "Cite this", Highwire tags,
// schema.org JSON-LD and COinS, checked against the library they come from. The export files
// are read back by independent readers (biber, pybtex, bibtexparser, bibutils, RIS by its
// letter, ajv), field by field against the source .bib (tests/support/exportSpec.ts).
import fs from 'node:fs';
import path from 'node:path';

import { describe, expect, inject, it } from 'vitest';

import { plainText } from 'docusaurus-plugin-citations/engine';
import { citedKeysIn as citedKeys, siteContext as context } from '../support/context';
import { CHAPTERS, PAGES } from '../support/essay';
import { checkExports, readSource, sourceFor } from '../support/exportSpec';
import { attr, readPage, select, selectAll, text, toString } from '../support/html';
import { ROOT } from '../support/paths';
import { biberWarnings, readRis, readWithPython } from '../support/readers';

const buildDir = inject('buildDir');
const allKeys = [...context.library.entries.keys()];
const read = (file: string) => fs.readFileSync(path.join(buildDir, file), 'utf8');

// The site's one .bib file, as pybtex, bibtexparser and biber read it.
const source = readSource(path.join(ROOT, context.library.files[0]!));

const cited = CHAPTERS.filter((p) => citedKeys(p.source).length > 0);

describe('the whole bibliography', () => {
  it('is read back by independent readers, every entry field by field, in all four formats', () => {
    expect(context.library.files).toHaveLength(1);
    expect(source.entries.map((e) => e.key).sort()).toEqual([...allKeys].sort());
    expect(
      checkExports(source, {
        biblatex: read('bibliography-biblatex.bib'),
        bibtex: read('bibliography-bibtex.bib'),
        ris: read('bibliography.ris'),
        'csl-json': read('bibliography.json'),
      }),
    ).toEqual([]);
  }, 120_000);

  it('keeps typographic quotes as they are (UTF-8, not LaTeX escapes)', () => {
    for (const file of ['bibliography-biblatex.bib', 'bibliography-bibtex.bib']) {
      expect(read(file)).toContain('can’t innovate');
      expect(read(file)).toContain('National People’s Congress');
    }
  });

  it('is offered for download on /bibliography, each .bib named for what reads it', () => {
    const tree = readPage(buildDir, '/bibliography');
    const links = selectAll('main .references-downloads a', tree);
    expect(links.map((a) => attr(a, 'href'))).toEqual([
      '/bibliography-biblatex.bib',
      '/bibliography-bibtex.bib',
      '/bibliography.ris',
      '/bibliography.json',
    ]);
    expect(links.map((a) => text(a))).toEqual([
      'BibLaTeX (.bib, for biber)',
      'BibTeX (.bib, for classic bibtex)',
      'RIS (.ris)',
      'CSL-JSON (.json)',
    ]);
  });
});

describe.each(cited)('$path', (page) => {
  const tree = readPage(buildDir, page.path);
  const keys = citedKeys(page.source);
  const canonical = attr(select('link[rel="canonical"]', tree), 'href');

  it('offers its own references in BibLaTeX, BibTeX and RIS, holding exactly the works it cites', () => {
    const links = selectAll('article .references-downloads a', tree);
    expect(links.map((a) => text(a))).toEqual([
      'BibLaTeX (.bib, for biber)',
      'BibTeX (.bib, for classic bibtex)',
      'RIS (.ris)',
    ]);
    const [biblatex, bibtex, ris] = links.map((a) => read(attr(a, 'href')!));
    expect(checkExports(sourceFor(source, keys), { biblatex, bibtex, ris })).toEqual([]);
  }, 120_000);

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

  it('shows the page’s citation in the site’s style, as BibLaTeX, BibTeX and RIS', () => {
    expect(text(select('h2#cite-this', box))).toBe(page.path === '/' ? 'Cite this essay' : 'Cite this chapter');
    const formatted = text(select('[data-testid="cite-this-formatted"]', box));
    expect(formatted).toContain(page.title);
    expect(attr(select('[data-style]', box), 'dataStyle')).toBe(context.styles[0]!.id);
    const url = attr(select('link[rel="canonical"]', tree), 'href');
    expect(formatted).toContain(url);
    expect(selectAll('h3', box).map((h) => text(h))).toEqual(['Formatted citation', 'BibLaTeX', 'BibTeX', 'RIS']);
    const [biblatex, bibtex, ris] = selectAll('pre code', box).map((c) => toString(c));
    // biber finds nothing to say about the BibLaTeX; both dialects read back as this page.
    expect(biberWarnings(biblatex!)).toEqual([]);
    for (const bib of [biblatex!, bibtex!]) {
      const file = path.join(fs.mkdtempSync('/tmp/cite-this-'), 'in.bib');
      fs.writeFileSync(file, bib);
      const { pybtex, bibtexparser } = readWithPython(file);
      fs.rmSync(path.dirname(file), { recursive: true });
      for (const reading of [pybtex, bibtexparser]) {
        expect(reading.error).toBeNull();
        expect(reading.entries).toHaveLength(1);
        // The title is braced whole, so that no style re-cases it.
        expect(reading.entries[0]!.fields.title).toBe(`{${page.title}}`);
        expect(reading.entries[0]!.fields.url).toBe(url);
      }
    }
    const [record] = readRis(ris!);
    const tag = (name: string) => record!.tags.filter(([t]) => t === name).map(([, v]) => v);
    expect(tag('TY')).toEqual(['ELEC']);
    expect(tag('TI')).toEqual([page.title]);
    expect(tag('UR')).toEqual([url]);
    expect(tag('DA')).toEqual([`${context.options.edition!.issued.replaceAll('-', '/')}/`]);
  });

  it('has a copy button for each form, carrying exactly the text shown', () => {
    const shown = selectAll('pre code', box).map((c) => toString(c));
    const buttons = selectAll('button[data-copy-text]', box);
    expect(buttons.slice(-3).map((b) => String(attr(b, 'dataCopyText')))).toEqual(shown);
    // The formatted citation, once per style, each with its own button.
    const formatted = selectAll('[data-testid="cite-this-formatted"]', box);
    expect(formatted.length).toBe(context.styles.length);
    expect(buttons).toHaveLength(formatted.length + 3);
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

  it('gives every entry a "Cite" on its own files in BibLaTeX and in BibTeX', () => {
    const files: Record<'biblatex' | 'bibtex', string[]> = { biblatex: [], bibtex: [] };
    for (const key of allKeys) {
      const entry = selectAll('main li.csl-entry', tree).find((li) => attr(li, 'dataKey') === key);
      expect(entry, key).toBeDefined();
      // What its Copy buttons copy and its Download links hand over, once the reader opens it
      // (src/clientModules/lazy/entryActions.ts): the entry's own files, each holding it alone.
      const buttons = selectAll('button.entry-actions', entry!);
      expect(buttons.map((b) => text(b))).toEqual(['Cite']);
      for (const dialect of ['biblatex', 'bibtex'] as const) {
        const file = read(`${attr(buttons[0], 'dataFile')}-${dialect}.bib`);
        const keys = [...file.matchAll(/^@\w+\{([^,\s]+),/gm)].map((m) => m[1]);
        expect(keys, `${key}'s own file`).toEqual([key]);
        files[dialect].push(file);
      }
    }
    // The readers (biber, pybtex, bibtexparser, bibutils) run once over all the entries' files.
    expect(
      checkExports(sourceFor(source, allKeys), {
        biblatex: files.biblatex.join('\n'),
        bibtex: files.bibtex.join('\n'),
      }),
    ).toEqual([]);
  }, 120_000);

  it('lists every entry once', () => {
    expect(selectAll('main li.csl-entry', tree).map((li) => attr(li, 'dataKey')).sort()).toEqual(
      [...allKeys].sort(),
    );
  });
});
