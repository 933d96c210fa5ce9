/**
 * Exports for reference managers and LaTeX: BibLaTeX and classic BibTeX written from the
 * source's own fields (bibwriter.ts), RIS with Zotero's mapping (ris.ts), and CSL-JSON, the
 * library's CSL items as they are.
 *
 * Why not citation-js's writers: its BibTeX output packs the day into `month`, puts `publisher`
 * on `@misc`, drops `shorttitle` and braces every capitalised word (or none), and its RIS
 * writer folds lines mid-word and maps a statute to LEGAL. biblatex-csl-converter was tried
 * too: it doubles the source's braces (`{{TikTok}}`), braces "and", and drops fields its model
 * does not expect (a @jurisdiction's court). The source entry itself already holds everything,
 * exactly as written.
 */
import type { SourceField } from './bibsource';
import { plainText, restoreBrackets } from './bibtex';
import { toBibtex, toBiblatex, type BibRecord } from './bibwriter';
import type { CslDate, CslItem, CslName } from './csl';
import type { ExportFormat } from './formats';
import { textToLatex } from './latex';
import { risRecord } from './ris';

export * from './formats';
export { ExportError } from './bibwriter';

/** Anything that can be exported: a library entry (BibEntry) or an item made from CSL alone. */
export interface Exportable {
  key: string;
  /** The BibLaTeX entry type. */
  type: string;
  fields: readonly SourceField[];
  csl: CslItem;
  file?: string;
  line?: number;
  column?: number;
}

/** Strips what is ours, not the item's: citeproc and citation-js bookkeeping. */
function clean(item: CslItem): CslItem {
  const {
    _graph: _g,
    system_id: _s,
    ...rest
  } = item as CslItem & {
    _graph?: unknown;
    system_id?: unknown;
  };
  return rest;
}

function record(entry: Exportable): BibRecord {
  return {
    key: entry.key,
    type: entry.type,
    fields: entry.fields,
    ...(entry.file && entry.line && entry.column
      ? { place: { file: entry.file, line: entry.line, column: entry.column } }
      : {}),
  };
}

/** Writes entries in a format; each BibTeX entry ends with a newline, entries one apart. */
export function exportEntries(entries: readonly Exportable[], format: ExportFormat): string {
  switch (format) {
    case 'biblatex':
    case 'bibtex':
      return entries.map((e) => written(e, format)).join('\n');
    case 'ris':
      return `${entries.map((e) => written(e, format)).join('\n\n')}\n`;
    case 'csl-json':
      // The private-use characters that stand for a typed "<" or ">" are ours: written out as
      // the brackets, which CSL processors read as text unless they form one of CSL's own tags.
      return `${restoreBrackets(
        JSON.stringify(
          entries.map((e) => clean(e.csl)),
          null,
          2,
        ),
      )}\n`;
  }
}

/**
 * Each entry as one format writes it, kept with the entry: a site writes the same entry into
 * the whole bibliography, its own files and every citing document's, and again after each
 * edit under `npm start` while the library is the same.
 */
const writings = new WeakMap<Exportable, Map<ExportFormat, string>>();

function written(entry: Exportable, format: 'biblatex' | 'bibtex' | 'ris'): string {
  let byFormat = writings.get(entry);
  if (!byFormat) writings.set(entry, (byFormat = new Map()));
  let text = byFormat.get(format);
  if (text === undefined) {
    text =
      format === 'ris'
        ? risRecord(entry.csl)
        : (format === 'biblatex' ? toBiblatex : toBibtex)(record(entry));
    byFormat.set(format, text);
  }
  return text;
}

const BIBLATEX_TYPES: Record<string, string> = {
  webpage: 'online',
  post: 'online',
  'article-journal': 'article',
  'article-newspaper': 'article',
  'article-magazine': 'article',
  book: 'book',
  chapter: 'incollection',
  report: 'report',
  thesis: 'thesis',
  legal_case: 'jurisdiction',
  legislation: 'legislation',
};

function isoOf(date: CslDate | undefined): string | undefined {
  const parts = date?.['date-parts']?.[0];
  if (!parts?.length) return undefined;
  return parts.map((p, i) => String(p).padStart(i === 0 ? 4 : 2, '0')).join('-');
}

function namesOf(names: CslName[] | undefined): string | undefined {
  if (!names?.length) return undefined;
  return names
    .map((n) =>
      n.literal || !n.given
        ? `{${textToLatex(n.literal ?? n.family ?? '')}}`
        : `${textToLatex(n.family ?? '')}, ${textToLatex(n.given)}`,
    )
    .join(' and ');
}

/**
 * An item that has no .bib source (the edition citing itself) as an exportable record: its CSL
 * variables in BibLaTeX's fields, as text, titles braced whole so that no style re-cases them.
 */
export function fromCsl(rich: CslItem): Exportable {
  const item = rich as CslItem & Record<string, unknown>;
  const text = (v: unknown) => (typeof v === 'string' && v ? textToLatex(plainText(v)) : undefined);
  const type = BIBLATEX_TYPES[item.type] ?? 'misc';
  const container = type === 'article' ? 'journaltitle' : 'titleaddon';
  const publisher = type === 'online' || type === 'misc' ? 'organization' : 'publisher';
  const candidates: [string, string | undefined][] = [
    ['author', namesOf(item.author)],
    ['title', item.title ? `{${text(item.title)}}` : undefined],
    [container, item['container-title'] ? `{${text(item['container-title'])}}` : undefined],
    [publisher, text(item.publisher)],
    ['date', isoOf(item.issued)],
    ['url', typeof item.URL === 'string' ? plainText(item.URL) : undefined],
    ['origtitle', item['original-title'] ? `{${text(item['original-title'])}}` : undefined],
    ['origpublisher', text(item['original-publisher'])],
    ['origdate', isoOf(item['original-date'] as CslDate | undefined)],
    ['note', text(item.note)],
  ];
  return {
    key: item.id,
    type,
    fields: candidates
      .filter((c): c is [string, string] => Boolean(c[1]))
      .map(([name, value]) => ({ name, value })),
    csl: item,
  };
}

/** Items without a .bib source, written in a format. */
export function exportItems(items: readonly CslItem[], format: ExportFormat): string {
  return exportEntries(items.map(fromCsl), format);
}
