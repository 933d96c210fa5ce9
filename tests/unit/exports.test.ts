// BibTeX, RIS and CSL-JSON exports, read back with citation-js as a reference manager would.
import fs from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import {
  coinsOf,
  plainText,
  createLibrary,
  EXPORT_FORMATS,
  exportItems,
  highwireReference,
  type CslItem,
} from '../../src/citations';
import { parseExport } from '../support/citationjs';
import { FIXTURES, ROOT } from '../support/paths';

const essay = createLibrary([
  { file: 'essay.bib', text: fs.readFileSync(path.join(ROOT, 'bibliography/essay.bib'), 'utf8') },
]);
const awkward = createLibrary([
  { file: 'refs.bib', text: fs.readFileSync(path.join(FIXTURES, 'bibtex-text/refs.bib'), 'utf8') },
]);

function itemsOf(library: typeof essay): CslItem[] {
  return [...library.entries.values()].map((e) => e.csl);
}

function year(item: Record<string, unknown>): unknown {
  return (item.issued as { 'date-parts'?: unknown[][] } | undefined)?.['date-parts']?.[0]?.[0];
}

describe.each(EXPORT_FORMATS)('%s', (format) => {
  it('reads back into exactly the source keys, with titles, names and years', () => {
    const items = itemsOf(essay);
    const back = parseExport(exportItems(items, format), format);
    expect(back.map((b) => b.id)).toEqual(items.map((i) => i.id));
    back.forEach((b, i) => {
      // Formatting survives as LaTeX in BibTeX and as markup in CSL-JSON; the words are the same.
      expect(plainText(String(b.title)), String(b.id)).toBe(plainText(items[i]!.title!));
      expect(Number(year(b)), String(b.id)).toBe(Number(year(items[i] as Record<string, unknown>)));
      expect(b.URL, String(b.id)).toBe(items[i]!.URL);
      const names = (x: { author?: { family?: string; literal?: string }[] }) =>
        (x.author ?? []).map((a) => a.family ?? a.literal);
      // RIS's case type (CASE) has counsel, not a judge, in its author field: none is written.
      if (format === 'ris' && items[i]!.type === 'legal_case') return;
      expect(names(b as never), String(b.id)).toEqual(names(items[i]!));
    });
  });

  it('keeps keys with ":" and "/" and text in any script', () => {
    const back = parseExport(exportItems(itemsOf(awkward), format), format);
    expect(back.map((b) => b.id)).toEqual(['news:tiktok/2019', 'zhang2018']);
    expect(back[1]!.title).toBe('字节跳动的全球化');
    expect((back[1]!.author as { family: string }[])[0]!.family).toBe('张一鸣');
    expect(back[0]!.title).toBe(
      'Statement on TikTok’s data practices, 2019–2020'.replace('’', "'"),
    );
  });
});

describe('BibTeX', () => {
  it('is written as UTF-8 text, not LaTeX escapes', () => {
    const bib = exportItems(itemsOf(awkward), 'bibtex');
    expect(bib).toContain('@misc{news:tiktok/2019,');
    expect(bib).toContain('Müller, Jörg');
    expect(bib).toContain('{张一鸣}');
    expect(bib).not.toMatch(/\\["'`^~]/);
  });
});

describe('RIS', () => {
  it('never folds a line or cuts a key', () => {
    const ris = exportItems(itemsOf(essay), 'ris');
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
