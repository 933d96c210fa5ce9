/**
 * What citeproc reads for an entry: a copy of the entry's CSL item made for rendering only, in
 * one place, for every rendering (chapters, previews, /bibliography, /timeline, /print,
 * `cite list`). The library's `entry.csl` stays exactly as the .bib has it, for the exports.
 *
 * The copy differs from `entry.csl` in what the style manuals ask of a reference:
 * - titles in sentence case (casing.ts) for English entries that are not legal documents, with
 *   what the .bib braces marked `nocase`, so that title-case styles keep it too;
 * - an `@article` with `entrysubtype = {newspaper}` (or `magazine`) is a newspaper (magazine)
 *   article, as biblatex and pandoc read it; citation-js 0.8 keeps the type `article-journal`
 *   and puts the subtype in `genre`, which Harvard then prints as "[Preprint]" and APA as
 *   "[Newspaper]";
 * - an English `langid` or `language` ("english", "british") becomes a tag citeproc knows, so
 *   that Chicago title-cases the title; other languages stay, and keep their titles as written.
 */
import { plugins } from '@citation-js/core';
import '@citation-js/plugin-bibtex';

import { LITERAL_GT, LITERAL_LT, plainText } from './bibtex';
import { isEnglish, protectBraces, sentenceCase } from './casing';
import type { CslItem } from './csl';
import type { Library } from './library';

interface RawEntry {
  type: string;
  label: string;
  properties: Record<string, string>;
}

const bibtexConfig = plugins.config.get('@bibtex') as {
  constants: { sentenceCaseLanguages: readonly string[] };
};

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

const BCP47_ENGLISH: Record<string, string> = {
  american: 'en-US',
  usenglish: 'en-US',
  british: 'en-GB',
  ukenglish: 'en-GB',
  canadian: 'en-CA',
  australian: 'en-AU',
  newzealand: 'en-NZ',
};

const cache = new WeakMap<Library, Map<string, CslItem>>();
const rawCache = new WeakMap<Library, Map<string, Map<string, RawEntry> | undefined>>();

/** Every entry of a file as citation-js reads it before interpreting fields (macros expanded). */
function rawEntries(library: Library, file: string): Map<string, RawEntry> | undefined {
  let files = rawCache.get(library);
  if (!files) rawCache.set(library, (files = new Map()));
  if (files.has(file)) return files.get(file);
  const text = library.sources.find((s) => s.file === file)?.text;
  let entries: Map<string, RawEntry> | undefined;
  try {
    const raw = plugins.input.chain(protectLiteralBrackets(text ?? ''), {
      forceType: '@biblatex/text',
      target: '@biblatex/entries+list',
      generateGraph: false,
    }) as RawEntry[];
    entries = new Map();
    for (const entry of raw) if (!entries.has(entry.label)) entries.set(entry.label, entry);
  } catch {
    // A file with a syntax error is reported where it is read (bibtex.ts); its titles are
    // shown as written rather than guessed at.
    entries = undefined;
  }
  files.set(file, entries);
  return entries;
}

/** As bibtex.ts does before parsing: a "<" typed in a .bib is text, not markup. */
function protectLiteralBrackets(text: string): string {
  return text.replaceAll('<', LITERAL_LT).replaceAll('>', LITERAL_GT);
}

const strip = (rich: unknown) => (typeof rich === 'string' ? plainText(rich) : rich);

function languageOf(raw: RawEntry): string | undefined {
  return raw.properties.langid ?? raw.properties.language;
}

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
  const raw = rawEntries(library, entry.file)?.get(key);
  if (!raw) return entry.csl;

  const item: CslItem = { ...entry.csl };
  const subtype = raw.properties.entrysubtype?.trim().toLowerCase();
  if (raw.type.toLowerCase() === 'article' && (subtype === 'newspaper' || subtype === 'magazine')) {
    item.type = `article-${subtype}`;
    if (typeof item.genre === 'string' && item.genre.toLowerCase() === subtype) delete item.genre;
  }

  const language = languageOf(raw);
  const english =
    language === undefined || isEnglish(language, bibtexConfig.constants.sentenceCaseLanguages);
  if (english && language !== undefined) {
    item.language = BCP47_ENGLISH[language.trim().toLowerCase()] ?? 'en';
  }

  const properties: Record<string, string> = {};
  for (const [field, value] of Object.entries(raw.properties)) {
    properties[field] = TITLE_FIELD.test(field) ? protectBraces(value) : value;
  }
  const [marked] = plugins.input.chain([{ ...raw, properties }], {
    forceType: '@biblatex/entries+list',
    generateGraph: false,
  }) as CslItem[];
  if (!marked) return item;

  const fromBooktitle = !('journaltitle' in raw.properties) && !('journal' in raw.properties);
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
