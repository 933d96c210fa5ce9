/**
 * What citeproc reads for an entry: a copy of the entry's CSL item made for rendering only, in
 * one place, for every rendering (chapters, previews, /bibliography, /timeline, /print,
 * `cite list`). The library's `entry.csl` stays exactly as the .bib has it, for the exports.
 *
 * The copy differs from `entry.csl` in what the style manuals ask of a reference:
 * - titles in sentence case (casing.ts) for English entries that are not legal documents, with
 *   what the .bib braces marked `nocase`, so that title-case styles keep it too;
 * - a court case's court is its `publisher` as well as its `authority`, for the styles that
 *   print only the one or the other;
 * - an entry whose `langid`/`language` names another language keeps its titles as written
 *   (bibcsl.ts has turned the language name into the BCP 47 code citeproc reads, so that Chicago
 *   title-cases English titles only).
 */
import { plugins } from '@citation-js/core';
import '@citation-js/plugin-bibtex';

import { plainText, protectBrackets } from './bibtex';
import { protectBraces, sentenceCase } from './casing';
import type { CslItem } from './csl';
import type { Library } from './library';

/** Raw BibTeX fields that hold titles: protected where braced, in every entry. */
const TITLE_FIELD = /title|titleaddon$|^series$|^journal$/;

/** CSL variables that hold titles. */
const TITLE_VARIABLES = [
  'title',
  'title-short',
  'container-title',
  'container-title-short',
  'collection-title',
  'volume-title',
  'original-title',
  'event-title',
  'event',
] as const;

/**
 * The titles a manual puts in sentence case: the work's own, and the book a chapter is in. A
 * periodical's name ("The Washington Post"), a series or an event is a name, and keeps its
 * capitals.
 */
const SENTENCE_CASE_VARIABLES = ['title', 'title-short', 'volume-title', 'original-title'];

/**
 * Laws and court documents are cited by their names (APA 7 §11 follows the Bluebook), so their
 * titles stay as written: "Order Granting Motion for Preliminary Injunction".
 */
const LEGAL_TYPES = new Set([
  'bill',
  'hearing',
  'legal_case',
  'legislation',
  'regulation',
  'treaty',
]);

const cache = new WeakMap<Library, Map<string, CslItem>>();

const strip = (rich: unknown) => (typeof rich === 'string' ? plainText(rich) : rich);

/**
 * The entry `key` as citeproc should render it (see the module comment). Computed once per
 * library and key.
 */
export function renderItemOf(library: Library, key: string): CslItem {
  let items = cache.get(library);
  if (!items) cache.set(library, (items = new Map()));
  let item = items.get(key);
  if (!item) {
    item = buildRenderItem(library, key);
    items.set(key, item);
  }
  return item;
}

function buildRenderItem(library: Library, key: string): CslItem {
  const entry = library.entries.get(key);
  if (!entry) throw new Error(`No entry for citation key "${key}"`);
  // The entry's own fields and those it inherits, as LaTeX, macros expanded (library.ts).
  const fields = new Map(entry.fields.map((f) => [f.name, f.value]));

  const item: CslItem = { ...entry.csl };
  // cslfix.ts names a court `authority`, as CSL 1.0.2 does and APA and Chicago print it;
  // Harvard and Vancouver print a case's `publisher`, and would drop the court.
  if (
    item.type === 'legal_case' &&
    typeof item.authority === 'string' &&
    item.publisher === undefined
  ) {
    item.publisher = item.authority;
  }

  // A language the entry names and bibcsl.ts could not read is not assumed to be English.
  const named = fields.has('langid') || fields.has('language');
  const english = named
    ? typeof item.language === 'string' && /^en(?:-|$)/i.test(item.language)
    : true;

  // Only the titles are read again, with their braces marked: nothing else can differ.
  const properties: Record<string, string> = {};
  for (const [field, value] of fields) {
    if (TITLE_FIELD.test(field)) properties[field] = protectBraces(protectBrackets(value));
  }
  let marked: CslItem | undefined;
  try {
    [marked] = plugins.input.chain([{ type: entry.type, label: key, properties }], {
      forceType: '@biblatex/entries+list',
      generateGraph: false,
    }) as CslItem[];
  } catch {
    // The entry was read once already (bibcsl.ts), errors and all; its titles stay as read.
    marked = undefined;
  }
  if (!marked) return item;

  const fromBooktitle = !fields.has('journaltitle') && !fields.has('journal');
  const recase =
    english && !LEGAL_TYPES.has(item.type)
      ? new Set([...SENTENCE_CASE_VARIABLES, ...(fromBooktitle ? ['container-title'] : [])])
      : new Set<string>();
  for (const variable of TITLE_VARIABLES) {
    const value = marked[variable];
    // Only ever a change of case or of markup: anything else means the two readings differ,
    // and the library's reading wins.
    if (typeof value !== 'string' || strip(value) !== strip(entry.csl[variable])) continue;
    item[variable] = recase.has(variable) ? sentenceCase(value) : value;
  }
  return item;
}
